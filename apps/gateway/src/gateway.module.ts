import { Module, type DynamicModule } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { EDGE_DEPS, EdgeInstaller, type EdgeDeps } from './edge/edge-installer.js';
import { Accounts } from './identity/application/accounts.js';
import { AddressBook } from './identity/application/address-book.js';
import { PasswordResets } from './identity/application/password-resets.js';
import { AdminUsersController } from './identity/http/admin-users.controller.js';
import { AuthController } from './identity/http/auth.controller.js';
import { InternalAccountsController } from './identity/http/internal-accounts.controller.js';
import { MeController } from './identity/http/me.controller.js';
import { MyAddressesController } from './identity/http/my-addresses.controller.js';
import { DocsController, OPENAPI_DOCUMENT } from './openapi/docs.controller.js';
import type { OpenApiDocument } from './openapi/openapi-document.js';
import { DeadLetterOperations } from './operations/application/dead-letter-operations.js';
import { OperationsController } from './operations/http/operations.controller.js';

export interface GatewayModuleDeps {
  edge: EdgeDeps;
  accounts: Accounts;
  addressBook: AddressBook;
  passwordResets: PasswordResets;
  deadLetters: DeadLetterOperations;
  openApi: OpenApiDocument;
}

/**
 * The gateway's own HTTP surface (identity, operations, docs) and the edge that guards and forwards
 * everything else; collaborators are built by the composition root (gateway-app.ts).
 */
@Module({})
export class GatewayModule {
  static forRoot(deps: GatewayModuleDeps): DynamicModule {
    const values = [[EDGE_DEPS, deps.edge], [Accounts, deps.accounts], [AddressBook, deps.addressBook], [PasswordResets, deps.passwordResets], [DeadLetterOperations, deps.deadLetters], [OPENAPI_DOCUMENT, deps.openApi]] as const;
    return httpModule(GatewayModule, [AuthController, MeController, MyAddressesController, AdminUsersController, InternalAccountsController, OperationsController, DocsController], values, [EdgeInstaller]);
  }
}
