import { Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { CreateDemandRuleBody, Id, UpdateDemandRuleBody, type DemandPriceChange, type DemandRule } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam } from '@shop/service-kit';
import { DemandPricing } from '../application/demand-pricing.js';

/** Demand rules: admins only (the gateway checks it, and so does this service). */
@Controller('api/admin/demand-rules')
@RequireCaller('admin')
export class AdminDemandRulesController {
  constructor(@Inject(DemandPricing) private readonly demand: DemandPricing) {}

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreateDemandRuleBody) body: CreateDemandRuleBody): Promise<DemandRule> {
    return this.demand.create(body);
  }

  @Get()
  async list(): Promise<{ items: DemandRule[] }> {
    return { items: await this.demand.list() };
  }

  @Get(':id')
  get(@ZodParam('id', Id) id: string): Promise<DemandRule> {
    return this.demand.get(id);
  }

  /** `{ enabled: false }` is the kill switch: the list price applies again at once. */
  @Patch(':id')
  update(@ZodParam('id', Id) id: string, @ZodBody(UpdateDemandRuleBody) body: UpdateDemandRuleBody): Promise<DemandRule> {
    return this.demand.setEnabled(id, body.enabled);
  }

  @Get(':id/changes')
  async changes(@ZodParam('id', Id) id: string): Promise<{ items: DemandPriceChange[] }> {
    return { items: await this.demand.changes(id) };
  }
}
