/** Path parameter schemas shared by the routes. */
import { z } from 'zod';
import { idSchema, uaiSchema } from '../../src-shared/api/common';

export const uaiParams = z.object({ uai: uaiSchema }).strict();
export const idParams = z.object({ id: idSchema }).strict();
