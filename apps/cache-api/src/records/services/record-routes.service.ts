import { CollectionDefinition, CollectionRegistry, DEFAULT_TENANT } from '@syncline/records';
import { FastifyReply } from 'fastify';
import { IncomingHttpHeaders } from 'node:http';
import { ApiErrorException } from '../../errors/api-error.exception';
import { RecordView } from '../types/record-view.type';
import { ReadRecordsUseCase } from '../usecases/read-records.usecase';
import { WriteRecordUseCase } from '../usecases/write-record.usecase';
import { canonicalRecordId } from '../utils/canonical-record-id.util';
import { isNotModified } from '../utils/is-not-modified.util';
import { parseIfMatch } from '../utils/parse-if-match.util';

const MAX_BATCH_READ = 500;
// Reads answer with JSON they serialize themselves (cached records are passed through as stored).
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Where a request points: a collection, the tenant whose rows it reads, and the route prefix. */
export interface RecordScope {
  collection: CollectionDefinition;
  tenant: string;
  /** `/v1/tenants/<tenant>/<collection>` or `/v1/collections/<collection>`, URL-encoded. */
  basePath: string;
}

/**
 * The record routes' work, shared by the tenant routes (collections with a tenant column) and the
 * single-tenant routes (collections without one). Responses carry the version as an ETag.
 */
export class RecordRoutes {
  constructor(
    private readonly collections: CollectionRegistry,
    private readonly reads: ReadRecordsUseCase,
    private readonly writes: WriteRecordUseCase,
  ) {}

  /**
   * The scope of a tenant route; 404 for an unknown collection. A single-tenant collection is
   * served here too under its fixed tenant (clients that address every collection by tenant),
   * and has no rows under any other tenant.
   */
  tenantScope(tenant: string, name: string): RecordScope {
    const collection = this.collections.byCollectionName(name);
    if (!collection.tenantColumn) {
      const scope = this.singleTenantScope(name);
      if (tenant !== scope.tenant)
        throw wrongRoute(
          `${name} is a single-tenant collection of tenant ${JSON.stringify(scope.tenant)}: its records are at /v1/collections/${name}`,
        );
      return scope;
    }
    return {
      collection,
      tenant,
      basePath: `/v1/tenants/${encodeURIComponent(tenant)}/${encodeURIComponent(name)}`,
    };
  }

  /** The scope of a single-tenant route: the rows belong to the collection's fixed tenant. */
  singleTenantScope(name: string): RecordScope {
    const collection = this.collections.byCollectionName(name);
    if (collection.tenantColumn)
      throw wrongRoute(
        `${name} has a tenant column (${collection.tenantColumn}): its records are at /v1/tenants/:tenant/${name}`,
      );
    return {
      collection,
      tenant: collection.fixedTenant ?? DEFAULT_TENANT,
      basePath: `/v1/collections/${encodeURIComponent(name)}`,
    };
  }

  /** Body: a RecordView; 304 for a conditional GET of the version the client holds. */
  async get(
    scope: RecordScope,
    rawId: string,
    headers: IncomingHttpHeaders,
    response: FastifyReply,
  ): Promise<string | undefined> {
    const id = canonicalRecordId(scope.collection, rawId, 'params/id');
    const record = (await this.reads.execute(scope.collection, scope.tenant, [id])).get(id);
    if (!record) throw notFound(scope.collection, id);
    const tag = etag(record.version);
    response.header('ETag', tag);
    if (isNotModified(headers, tag)) {
      response.status(304);
      return undefined;
    }
    response.type(JSON_CONTENT_TYPE);
    return record.body;
  }

  /** Body: `{ records: RecordView[], missing: string[] }`, records in the order asked for. */
  async batchRead(scope: RecordScope, body: unknown, response: FastifyReply): Promise<string> {
    const ids = (body as { ids?: unknown })?.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH_READ) {
      const message = `must be an array of 1 to ${MAX_BATCH_READ} record ids`;
      throw new ApiErrorException(400, {
        error: 'validation_failed',
        message: `ids ${message}`,
        fields: [{ path: '/ids', message }],
      });
    }
    const unique = [
      ...new Set(ids.map((id, index) => canonicalRecordId(scope.collection, id, `/ids/${index}`))),
    ];
    const found = await this.reads.execute(scope.collection, scope.tenant, unique);
    const records: string[] = [];
    const missing: string[] = [];
    for (const id of unique) {
      const record = found.get(id);
      if (record) records.push(record.body);
      else missing.push(id);
    }
    response.type(JSON_CONTENT_TYPE);
    return `{"records":[${records.join(',')}],"missing":${JSON.stringify(missing)}}`;
  }

  async create(scope: RecordScope, body: unknown, response: FastifyReply): Promise<RecordView> {
    const record = await this.writes.create(scope.collection, scope.tenant, body);
    response
      .status(201)
      .header('ETag', etag(record.version))
      .header('Location', `${scope.basePath}/${encodeURIComponent(record.id)}`);
    return record;
  }

  async update(
    scope: RecordScope,
    rawId: string,
    body: unknown,
    ifMatch: string | undefined,
    response: FastifyReply,
  ): Promise<RecordView> {
    const id = canonicalRecordId(scope.collection, rawId, 'params/id');
    const expected = this.expectedVersion(scope.collection, ifMatch);
    const record = await this.writes.update(scope.collection, scope.tenant, id, body, expected);
    if (!record) throw notFound(scope.collection, id);
    response.header('ETag', etag(record.version));
    return record;
  }

  async delete(scope: RecordScope, rawId: string, ifMatch: string | undefined): Promise<void> {
    const id = canonicalRecordId(scope.collection, rawId, 'params/id');
    const expected = this.expectedVersion(scope.collection, ifMatch);
    if (!(await this.writes.delete(scope.collection, scope.tenant, id, expected)))
      throw notFound(scope.collection, id);
  }

  /** If-Match needs a version stored in the row; a WAL position is not. */
  private expectedVersion(
    collection: CollectionDefinition,
    ifMatch: string | undefined,
  ): number | undefined {
    const expected = parseIfMatch(ifMatch);
    if (expected !== undefined && !collection.versionColumn) {
      throw new ApiErrorException(400, {
        error: 'validation_failed',
        message: `${collection.name} is versioned by WAL position (no version column): If-Match is not supported`,
        fields: [{ path: 'headers/If-Match', message: 'not supported for this collection' }],
      });
    }
    return expected;
  }
}

function etag(version: number): string {
  return `"${version}"`;
}

function notFound(collection: CollectionDefinition, id: string): ApiErrorException {
  return new ApiErrorException(404, {
    error: 'not_found',
    message: `no ${collection.name} with id ${JSON.stringify(id)}`,
  });
}

function wrongRoute(message: string): ApiErrorException {
  return new ApiErrorException(404, { error: 'not_found', message });
}
