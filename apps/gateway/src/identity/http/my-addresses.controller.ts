import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { CreateSavedAddressBody, UpdateSavedAddressBody, type SavedAddress, type SavedAddressList } from '@shop/contracts';
import { ZodBody, ZodParam } from '@shop/service-kit';
import { AddressBook } from '../application/address-book.js';
import type { Principal } from '../domain/principal.js';
import { CurrentPrincipal } from './current-principal.js';

const AddressId = z.uuid('must be a UUID');

/** The caller's own address book; an id of someone else's address is not found (404), as an unknown one is. */
@Controller('api/me/addresses')
export class MyAddressesController {
  constructor(@Inject(AddressBook) private readonly book: AddressBook) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<SavedAddressList> {
    return this.book.list(principal.userId);
  }

  /** The first address becomes the default; 409 CONFLICT when the book is full. */
  @Post()
  @HttpCode(201)
  add(@CurrentPrincipal() principal: Principal, @ZodBody(CreateSavedAddressBody) body: CreateSavedAddressBody): Promise<SavedAddress> {
    return this.book.add(principal.userId, body);
  }

  @Patch(':id')
  update(@CurrentPrincipal() principal: Principal, @ZodParam('id', AddressId) id: string, @ZodBody(UpdateSavedAddressBody) body: UpdateSavedAddressBody): Promise<SavedAddress> {
    return this.book.update(principal.userId, id, body);
  }

  /** Deleting the default makes the newest other address the default. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @ZodParam('id', AddressId) id: string): Promise<void> {
    await this.book.remove(principal.userId, id);
  }
}
