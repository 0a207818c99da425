import { z } from 'zod';
import { PermissionTypeSchema } from '../profile/permission-type';

/**
 * The fields that name one permission of one resource, for `z.object({ ...permissionOfResourceShape, … })`: a
 * verified row, a permission held beyond the profile, a permission the plan cannot grant.
 */
export const permissionOfResourceShape = {
  resourceAppId: z.string(),
  resourceName: z.string(),
  type: PermissionTypeSchema,
  name: z.string(),
};
