import type { ConnectorCallOptions } from '../../types/connector-call-options.type';
import type { PropertyDefinition } from '../../types/property-definition.type';
import type { RestPayloadTemplate } from './rest-payload-template.type';

/** A generic REST/webhook destination: one call per record, or a configured bulk endpoint. */
export interface RestConnectorOptions extends ConnectorCallOptions {
  baseUrl: string;
  /** Method for upserts. Default PUT. */
  method?: 'POST' | 'PUT' | 'PATCH';
  /** Path per record: `{identity}` and `{object}` are replaced (URL-encoded). */
  pathTemplate: string;
  payloadTemplate?: RestPayloadTemplate;
  /** Bulk upserts: one call carries up to `maxBatchSize` bodies under `itemsKey` (or as an array). */
  bulk?: false | { path: string; itemsKey?: string; maxBatchSize?: number };
  /** Extra request headers (never secrets: those go in `authToken`). */
  headers?: Record<string, string>;
  /** Bearer token, from the credential store; never logged. */
  authToken?: string;
  /** Default DELETE on `pathTemplate`. */
  deleteMethod?: 'DELETE' | 'POST' | 'PUT' | 'PATCH';
  deletePathTemplate?: string;
  /** GET path per record for `readByIdentity`; default `pathTemplate`. 404 = missing. */
  readPathTemplate?: string;
  /** Body path of the record's id at the destination; default: the identity. */
  externalIdPath?: string;
  /** Body path of the last-modified time; else the Last-Modified header. */
  lastModifiedPath?: string;
  /**
   * `listAll` support (without it `listAll` throws a permanent error): GET `path` answers an
   * array or an object with the records under `itemsPath`, and the next page's cursor under
   * `cursorPath`, sent back as `cursorParam`; `since` goes as `sinceParam` (ISO-8601).
   */
  list?: {
    path: string;
    itemsPath?: string;
    cursorPath?: string;
    cursorParam?: string;
    sinceParam?: string;
  };
  /** What `describe` answers (a REST endpoint has no schema API); default []. */
  properties?: PropertyDefinition[];
}
