import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderDocsPage } from './docs-page.js';
import type { OpenApiDocument } from './openapi-document.js';

export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

// The page has inline styles and no scripts; everything else stays as strict as the API's.
const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** GET /api/docs: the browsable page (or the JSON when asked for it); /api/docs/openapi.json: the document. */
@Controller('api/docs')
export class DocsController {
  private readonly json: string;
  private readonly html: string;

  constructor(@Inject(OPENAPI_DOCUMENT) document: OpenApiDocument) {
    this.json = JSON.stringify(document);
    this.html = renderDocsPage(document);
  }

  @Get()
  page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const accept = request.headers.accept ?? '';
    if (accept.includes('application/json') && !accept.includes('text/html')) return this.sendJson(reply);
    return reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', DOCS_CSP).send(this.html);
  }

  @Get('openapi.json')
  @Header('cache-control', 'no-cache')
  document(@Res() reply: FastifyReply): FastifyReply {
    return this.sendJson(reply);
  }

  private sendJson(reply: FastifyReply): FastifyReply {
    return reply.header('content-type', 'application/json; charset=utf-8').send(this.json);
  }
}
