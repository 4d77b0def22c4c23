import { signIn } from '../../../../lib/auth-handler';

export async function POST(request: Request) {
  return signIn(request, (api, body) => api.login(body), 200);
}
