import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReservationFrame, Sku, type CreateReservationBody, type ReservationFrameAnswers } from '@shop/contracts';
import { ERROR_MAPPERS, type ErrorMapper, LOGGER, requireServiceCaller, ZodPipe, type Logger } from '@shop/service-kit';
import { InventoryService } from '../application/inventory-service.js';
import { HOP_HEADER, INTERNAL_PREFIX, InternalRoutes, pathOf, PUBLIC_PREFIX, PublicRoutes } from '../inventory-routes.js';
import { NaiveReservations } from '../naive/naive-reservations.js';
import { sendAnswer, sendError } from './answer-reply.js';
import { callContextOf } from './request-caller.js';
import { answerItem, FRAME_CALLERS, reservationInput } from './reservation-frames.js';

export const NAIVE_RESERVATIONS = Symbol('NAIVE_RESERVATIONS');

const skuPipe = new ZodPipe(Sku, 'sku');
const framePipe = new ZodPipe(ReservationFrame, 'body');

/**
 * The hot routes — reserve and read stock — registered straight on Fastify rather than as Nest
 * controllers: Nest's per-request pipeline (execution context, pipes, interceptors) halves the
 * requests one core can serve, and at flash-sale rates the HTTP layer, not the engine, is the
 * limit. They keep every service-kit behaviour (request id, tracing span, access log, RED
 * metrics, one error body with the service's error mappers, the same validation messages); the
 * other routes are Nest controllers.
 */
@Injectable()
export class HotRoutes implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(InventoryService) private readonly inventory: InventoryService,
    @Inject(NAIVE_RESERVATIONS) private readonly naive: NaiveReservations | null,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ERROR_MAPPERS) private readonly errorMappers: readonly ErrorMapper[],
  ) {}

  onModuleInit(): void {
    const app = this.host.httpAdapter.getInstance<FastifyInstance>();
    // The service's error mappers too (a database outage -> its 503), as Nest's error filter applies them.
    const errorHandler = (error: unknown, _request: FastifyRequest, reply: FastifyReply) => sendError(reply, error, this.logger, this.errorMappers);

    app.post(pathOf(PUBLIC_PREFIX, PublicRoutes.reservations), { errorHandler }, async (request, reply) => {
      const ctx = callContextOf(request.headers);
      const { body, key } = await this.reservationInput(request);
      return sendAnswer(reply, await this.inventory.reserve(body, key, request.headers[HOP_HEADER] === '1', ctx), 201);
    });

    // The gateway's coalesced reservations: each item decided as the route above decides it, on its own signed identity.
    app.post(pathOf(INTERNAL_PREFIX, InternalRoutes.reservationFrames), { errorHandler }, async (request, reply) => {
      requireServiceCaller(request.headers, FRAME_CALLERS);
      const frame = (await framePipe.transform(request.body)) as ReservationFrame;
      const answers = await Promise.all(frame.items.map((item) => answerItem(this.inventory, callContextOf, item, this.logger, this.errorMappers)));
      return reply.code(200).send({ answers } satisfies ReservationFrameAnswers);
    });

    app.get<{ Params: { sku: string } }>(`/${PUBLIC_PREFIX}/${PublicRoutes.stock}`, { errorHandler }, async (request, reply) => {
      const sku = (await skuPipe.transform(request.params.sku)) as string;
      return sendAnswer(reply, await this.inventory.publicStock(sku));
    });

    const naive = this.naive;
    if (naive) {
      app.post(pathOf(PUBLIC_PREFIX, PublicRoutes.naiveReservations), { errorHandler }, async (request, reply) => {
        callContextOf(request.headers); // a verified caller, as for the engine
        const { body, key } = await this.reservationInput(request);
        return sendAnswer(reply, await naive.reserve(body, key), 201);
      });
    }
  }

  private reservationInput(request: FastifyRequest): Promise<{ body: CreateReservationBody; key: string }> {
    // Behind the gateway the signed-in customer is who the limit counts against, whatever the body says (InventoryService.reserve).
    return reservationInput(request.body, request.headers['idempotency-key']);
  }
}
