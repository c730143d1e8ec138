import { z } from 'zod';
import { argsType } from '@ecg/infrastructure';

// Each argument set lists its fields in the SDL's order (type-graphql listed `@Arg`s last to first).
const secret = z.string().min(1, 'is required').max(1024, 'is too long');
const organizationId = z.string().uuid('is not an organization id');
export const userName = z.string().trim().min(1, 'is required').max(254, 'is too long');

export const LoginArgs = argsType('LoginArgs', z.object({ password: secret, userName }));
export type LoginArgs = InstanceType<typeof LoginArgs>;

export const ChooseOrganizationArgs = argsType(
  'ChooseOrganizationArgs',
  z.object({ organizationId, choiceToken: secret }),
);
export type ChooseOrganizationArgs = InstanceType<typeof ChooseOrganizationArgs>;

export const SwitchOrganizationArgs = argsType('SwitchOrganizationArgs', z.object({ organizationId }));
export type SwitchOrganizationArgs = InstanceType<typeof SwitchOrganizationArgs>;

export const RefreshTokenArgs = argsType('RefreshTokenArgs', z.object({ refreshToken: secret }));
export type RefreshTokenArgs = InstanceType<typeof RefreshTokenArgs>;

export const ChangePasswordArgs = argsType(
  'ChangePasswordArgs',
  z.object({ newPassword: secret, currentPassword: secret }),
);
export type ChangePasswordArgs = InstanceType<typeof ChangePasswordArgs>;
