import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { problemBody } from '../problem-body';

/** Longer request lines are refused with 414; nginx and most proxies draw the line near here too. */
export const MAX_URL_LENGTH = 8 * 1024;
/**
 * Node's parser stops at 16 KiB of request line and headers and drops the connection, so a long URL
 * would never reach the 414 below: the server reads up to this much and then answers 431 itself.
 */
export const MAX_REQUEST_HEAD_BYTES = 256 * 1024;

export function refuseLongUrls(request: Request, response: Response, next: NextFunction): void {
  if (request.originalUrl.length <= MAX_URL_LENGTH) return next();
  response
    .status(414)
    .json(
      problemBody(414, 'The URL is too long; nothing was read or written', [
        { field: 'url', problem: `must be at most ${MAX_URL_LENGTH} characters, was ${request.originalUrl.length}` },
      ]),
    );
}

/** Reads heads up to MAX_REQUEST_HEAD_BYTES and answers a larger one, or an unparsable one, in words. */
export function answerUnreadableRequests(server: Server): void {
  // Node reads it from the server at each new connection; @types/node declares it only as an option.
  (server as Server & { maxHeaderSize: number }).maxHeaderSize = MAX_REQUEST_HEAD_BYTES;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, problem] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, `the request line and headers must be at most ${MAX_REQUEST_HEAD_BYTES} bytes`]
        : [400, 'is not a well-formed HTTP request'];
    const body = JSON.stringify(problemBody(status, 'The request could not be read', [{ field: 'request', problem }]));
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
