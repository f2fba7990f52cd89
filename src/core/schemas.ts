import { Type, type TSchema } from 'typebox';

/** Schemas shared by many routes. */
export const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

export const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 six-digit region code' });
export const Uuid = Type.String({ format: 'uuid' });
export const IdParam = Type.Object({ id: Type.String() });
export const Version = Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const LabelText = Type.Object({ zh: Type.String(), en: Type.String() });

/** A file download's response: the bytes, as OpenAPI describes binary bodies (the payload is sent as is). */
export const Download = (type: string) => ({ description: 'file', content: { [type.split(';')[0]!]: { schema: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }) } } });
export const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No Content' });
