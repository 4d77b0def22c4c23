import { signIn } from '../../../../lib/auth-handler';

export async function POST(request: Request) {
  // The name is optional: a blank one is left out (the gateway checks the rest, and its 400 names `name`).
  return signIn(request, (api, body, input) => api.register({ ...body, ...(typeof input.name === 'string' && input.name.trim() !== '' ? { name: input.name } : {}) }), 201);
}
