import { AccountLookupResult, type AccountContact } from '@shop/contracts';
import { type ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';

/** Where identity lives: the gateway's internal account lookup, on notifications' service credential. */
export const ACCOUNT_LOOKUP_PATH = '/internal/identity/accounts/lookup';
const BATCH = 500;

export interface Accounts {
  /** The accounts behind these ids and addresses (unknown and deleted ones are left out). */
  lookup(query: { ids?: readonly string[]; emails?: readonly string[] }): Promise<AccountContact[]>;
}

export class AccountsClient implements Accounts {
  constructor(private readonly http: ServiceClient) {}

  async lookup(query: { ids?: readonly string[]; emails?: readonly string[] }): Promise<AccountContact[]> {
    const ids = [...new Set(query.ids ?? [])];
    const emails = [...new Set(query.emails ?? [])];
    const found: AccountContact[] = [];
    for (let i = 0; i < Math.max(ids.length, emails.length); i += BATCH) {
      // A lookup changes nothing: repeating it is safe.
      const res = await this.http.request('POST', ACCOUNT_LOOKUP_PATH, { body: { ids: ids.slice(i, i + BATCH), emails: emails.slice(i, i + BATCH) }, idempotent: true });
      if (res.status !== 200) throw new UpstreamUnavailableError('gateway', `answered the account lookup with ${res.status}`);
      const parsed = AccountLookupResult.safeParse(res.body);
      if (!parsed.success) throw new UpstreamUnavailableError('gateway', 'answered the account lookup with an unexpected body');
      found.push(...parsed.data.accounts);
    }
    return found;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
