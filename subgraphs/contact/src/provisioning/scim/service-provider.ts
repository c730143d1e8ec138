import SCIMMY from 'scimmy';

/** What `/ServiceProviderConfig` announces: PATCH, filters, sorting and ETags; no bulk, no passwords. */
export function configureServiceProvider() {
  SCIMMY.Config.set({
    documentationUri: 'https://github.com/employer-contacts/gateway/blob/main/docs/scim.md',
    patch: true,
    filter: { supported: true, maxResults: 1000 },
    sort: true,
    etag: true,
    bulk: false,
    changePassword: false,
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Provisioning token',
        description: "Bearer token from the organization's settings (createProvisioningToken)",
        specUri: 'https://datatracker.ietf.org/doc/html/rfc6750',
        primary: true,
      },
    ],
  });
}
