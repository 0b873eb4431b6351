import { loadConfig } from './load-config.util';
import { loadControlPlaneConfig } from './load-control-plane-config.util';
import { redactConfig } from './redact-config.util';

describe(loadControlPlaneConfig.name, () => {
  const source = {
    SYNCLINE_PG_HOST: 'source-db',
    SYNCLINE_PG_PORT: '6432',
    SYNCLINE_PG_DATABASE: 'shop',
    SYNCLINE_PG_USER: 'shop_app',
    SYNCLINE_PG_PASSWORD: 'source-secret',
  };

  it('uses the source database when no SYNCLINE_CONTROL_PG_* is set', () => {
    const { controlPlane } = loadConfig(source);

    expect(controlPlane).toMatchObject({
      host: 'source-db',
      port: 6432,
      database: 'shop',
      user: 'shop_app',
      sharesSourceDatabase: true,
    });
    expect(controlPlane.password.reveal()).toBe('source-secret');
  });

  it('reads a separate control-plane database, each setting on its own', () => {
    const { controlPlane, postgres } = loadConfig({
      ...source,
      SYNCLINE_CONTROL_PG_HOST: 'control-db',
      SYNCLINE_CONTROL_PG_PORT: '5433',
      SYNCLINE_CONTROL_PG_DATABASE: 'syncline',
      SYNCLINE_CONTROL_PG_USER: 'syncline_app',
      SYNCLINE_CONTROL_PG_PASSWORD: 'control-secret',
    });

    expect(controlPlane).toMatchObject({
      host: 'control-db',
      port: 5433,
      database: 'syncline',
      user: 'syncline_app',
      sharesSourceDatabase: false,
    });
    expect(controlPlane.password.reveal()).toBe('control-secret');
    expect(postgres.host).toBe('source-db');
  });

  it('counts another database on the same server as separate', () => {
    const { controlPlane } = loadConfig({ ...source, SYNCLINE_CONTROL_PG_DATABASE: 'syncline' });

    expect(controlPlane).toMatchObject({ host: 'source-db', port: 6432, database: 'syncline' });
    expect(controlPlane.sharesSourceDatabase).toBe(false);
  });

  it.each(['x', '0', '65536'])(
    'rejects SYNCLINE_CONTROL_PG_PORT=%s naming the variable',
    (port) => {
      expect(() => loadConfig({ ...source, SYNCLINE_CONTROL_PG_PORT: port })).toThrow(
        /SYNCLINE_CONTROL_PG_PORT/,
      );
    },
  );

  it('never prints the control-plane password', () => {
    const config = loadConfig({ ...source, SYNCLINE_CONTROL_PG_PASSWORD: 'control-secret' });

    expect(JSON.stringify(redactConfig(config))).not.toContain('control-secret');
    expect(JSON.stringify(config)).not.toContain('control-secret');
  });
});
