import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Contributions } from '../contributions.ts';
import type { AuthRepository, PhotoRepository } from '../store/types.ts';
import { sha256 } from '../crypto.ts';
import { ApiError } from '../http-error.ts';
import { validate } from '../middleware/validate.ts';
import { bearer } from '../middleware/guards.ts';
import { cleanPhoto } from '../photos.ts';
import { mayActIn, sessionOf } from '../middleware/roles.ts';
import { PointId } from '../../common/points.ts';
import { PHOTO, type PhotoStored } from '../../common/photos.ts';

const IdParam = z.strictObject({ id: PointId });

export interface PhotoRouteDeps {
  photos: PhotoRepository;
  auth: AuthRepository;
  contributions: Contributions;
  writeLimit: MiddlewareHandler;
  now: () => Date;
}

/**
 * /api/points/:id/photo. PUT (edit token): the body is the image itself (JPEG, PNG or WebP, at most
 * PHOTO.maxBytes); it is re-encoded without metadata before anything is stored. GET: the public sees a photo only
 * once its point is published; the author (edit token) and moderators (session) see it before. DELETE removes it.
 */
export function photoRoutes({ photos, auth, contributions, writeLimit, now }: PhotoRouteDeps) {
  const cap = bodyLimit({
    maxSize: PHOTO.maxBytes,
    onError: () => {
      throw new ApiError(413, `photo too large (at most ${PHOTO.maxBytes / 1024 / 1024} MB)`, [
        { path: 'photo', message: `at most ${PHOTO.maxBytes / 1024 / 1024} MB` },
      ]);
    },
  });
  const requireImage: MiddlewareHandler = async (c, next) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(PHOTO.types as readonly string[]).includes(type)) {
      throw new ApiError(415, `send the photo itself as the body with Content-Type ${PHOTO.types.join(', ')}`);
    }
    await next();
  };

  return new Hono()
    .put('/:id/photo', writeLimit, requireImage, cap, validate('param', IdParam), async (c) => {
      const p = await contributions.own(c.req.valid('param').id, bearer(c));
      if (p.record.layer !== 'walk') throw new ApiError(400, 'photos are for walk pins only');
      const clean = await cleanPhoto(new Uint8Array(await c.req.arrayBuffer()));
      const at = now().toISOString();
      const meta = {
        width: clean.width,
        height: clean.height,
        version: sha256(`${p.record.id}:${at}:${clean.bytes.length}`).slice(0, 16),
      };
      // Read again: the point may have changed while the photo was being re-encoded.
      await contributions.setPhoto(await contributions.get(p.record.id), {
        meta,
        stored: { mime: clean.mime, width: clean.width, height: clean.height, bytes: clean.bytes, createdAt: at },
      });
      return c.json({ id: p.record.id, photo: meta } satisfies PhotoStored, 200);
    })
    .delete('/:id/photo', writeLimit, validate('param', IdParam), async (c) => {
      const p = await contributions.own(c.req.valid('param').id, bearer(c));
      await contributions.setPhoto(p, null);
      return c.json({ id: p.record.id, photo: null });
    })
    .get('/:id/photo', validate('param', IdParam), async (c) => {
      const id = c.req.valid('param').id;
      const token = bearer(c);
      const p = await contributions.points.get(id);
      const published = p?.record.status === 'published';
      // Author and staff of its subarea may look before approval; everyone else gets the 404 of a missing photo.
      let allowed = published;
      if (p && !published) {
        if (token !== undefined)
          allowed = !!(await contributions.own(id, token)); // throws 403 for a wrong token
        else {
          const account = await sessionOf(c, auth, now);
          allowed = !!account && mayActIn(account, p.record.subarea);
        }
      }
      const photo = allowed ? await photos.get(id) : undefined;
      if (!photo) throw new ApiError(404, `no published photo for point ${id}`);
      c.header('Content-Type', photo.mime);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Content-Disposition', 'inline');
      // The URL carries ?v=<version>, so a published photo may be cached; a not-yet-public one must not be.
      c.header('Cache-Control', published ? 'public, max-age=86400' : 'private, no-store');
      return c.body(new Uint8Array(photo.bytes));
    });
}
