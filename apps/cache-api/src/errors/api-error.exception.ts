import { HttpException } from '@nestjs/common';

export interface ApiErrorBody {
  error: string;
  message: string;
  /** The offending fields, as JSON pointers into the request (`/email`, `/ids/3`). */
  fields?: { path: string; message: string }[];
}

/** An HTTP error with the JSON body every client gets: `{error, message, fields?}`. */
export class ApiErrorException extends HttpException {
  constructor(status: number, body: ApiErrorBody) {
    super(body, status);
  }
}
