import type { SimCall, SimFaultsInput } from '../../../apps/crm-sim/src';
import { requestOk } from './http-json';

/** A CRM record as the demo compares it, whichever CRM holds it. */
export interface CrmRecordView {
  /** The CRM's own record id. */
  id: string;
  /** Archived (HubSpot) or in the recycle bin (Salesforce). */
  deleted: boolean;
  properties: Record<string, unknown>;
}

/** The sims' own admin API (`/__sim`): records, call log, faults. */
abstract class SimClient {
  constructor(readonly url: string) {}

  async healthy(): Promise<boolean> {
    return (await fetch(`${this.url}/__sim/health`)).ok;
  }

  async calls(sinceSeq = 0): Promise<SimCall[]> {
    const page = await requestOk<{ results: SimCall[] }>(
      'GET',
      `${this.url}/__sim/calls?since=${sinceSeq}`,
    );
    return page.results;
  }

  async setFaults(faults: SimFaultsInput): Promise<void> {
    await requestOk('POST', `${this.url}/__sim/faults`, { body: faults });
  }

  async clearFaults(): Promise<void> {
    await requestOk('DELETE', `${this.url}/__sim/faults`);
  }

  protected async simRecords<T>(object: string): Promise<T[]> {
    return (await requestOk<{ results: T[] }>('GET', `${this.url}/__sim/records/${object}`))
      .results;
  }

  /** The record holding `identity` in `identityProperty`: the live one if any, else the last. */
  async find(
    object: string,
    identityProperty: string,
    identity: string,
  ): Promise<CrmRecordView | undefined> {
    const matches = (await this.records(object)).filter(
      (record) => record.properties[identityProperty] === identity,
    );
    return matches.find((record) => !record.deleted) ?? matches[matches.length - 1];
  }

  abstract records(object: string): Promise<CrmRecordView[]>;
}

/** The HubSpot sim: the CRM v3 API (as a person editing HubSpot would use it) and `/__sim`. */
export class HubSpotSimClient extends SimClient {
  private readonly auth = { authorization: 'Bearer syncline-demo-hand-edits' };

  async records(object: string): Promise<CrmRecordView[]> {
    const records = await this.simRecords<{
      id: string;
      archived?: boolean;
      properties: Record<string, unknown>;
    }>(object);
    return records.map((record) => ({
      id: record.id,
      deleted: record.archived === true,
      properties: record.properties,
    }));
  }

  /** Changes a record as a HubSpot user would in its UI (`/__sim/records`: no API call logged). */
  async editAsUser(object: string, id: string, properties: Record<string, string>): Promise<void> {
    await requestOk('PATCH', `${this.url}/__sim/records/${object}/${id}`, { body: { properties } });
  }

  async createProperty(object: string, name: string, label: string): Promise<void> {
    await requestOk('POST', `${this.url}/crm/v3/properties/${object}`, {
      headers: this.auth,
      body: { name, label, type: 'string', fieldType: 'text', groupName: `${object}information` },
    });
  }

  async editRecord(object: string, id: string, properties: Record<string, string>): Promise<void> {
    await requestOk('PATCH', `${this.url}/crm/v3/objects/${object}/${id}`, {
      headers: this.auth,
      body: { properties },
    });
  }
}

/** The Salesforce sim: the REST API with a session from `/__sim/sessions`, and `/__sim`. */
export class SalesforceSimClient extends SimClient {
  async records(sobject: string): Promise<CrmRecordView[]> {
    const records = await this.simRecords<Record<string, unknown>>(sobject);
    return records.map((record) => ({
      id: String(record.Id),
      deleted: record.IsDeleted === true,
      properties: record,
    }));
  }

  async addTextField(sobject: string, name: string, label: string): Promise<void> {
    await requestOk('POST', `${this.url}/__sim/sobjects/${sobject}/fields`, {
      body: { name, label, type: 'string', length: 80 },
    });
  }

  async deleteRecord(sobject: string, id: string): Promise<void> {
    const session = await requestOk<{ access_token: string }>('POST', `${this.url}/__sim/sessions`);
    await requestOk('DELETE', `${this.url}/services/data/v62.0/sobjects/${sobject}/${id}`, {
      headers: { authorization: `Bearer ${session.access_token}` },
    });
  }
}
