using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Graph;

/// <summary>The outcome of a client-credentials sign-in: the principal, or Entra ID's refusal (status, error, AADSTS code).</summary>
public sealed record SignInResult(TokenPrincipal? Principal, int Status, string Error, int Code, string Description)
{
    public static SignInResult Success(TokenPrincipal principal) => new(principal, 200, "", 0, "");

    public static SignInResult Refused(int status, string error, int code, string description) =>
        new(null, status, error, code, $"AADSTS{code}: {description}");
}

/// <summary>Client credentials against the directory's app registrations, with Entra ID's checks and errors.</summary>
public static class DirectorySignIn
{
    public static SignInResult Authenticate(EmulatorState state, string clientId, string secret, DateTimeOffset now)
    {
        var identity = state.Identity;
        var application = state.Directory.ApplicationByAppId(identity, clientId);
        if (application is null)
            return SignInResult.Refused(400, "unauthorized_client", 700016,
                $"Application with identifier '{clientId}' was not found in the directory '{identity.TenantId}'. This can happen if " +
                "the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. " +
                "You may have sent your authentication request to the wrong tenant.");

        // Every credential is compared, so the time taken does not tell which one (or whether any) matched.
        var matching = application.PasswordCredentials.Where(p => p.Matches(secret)).ToList();
        var current = matching.FirstOrDefault(p => p.StartDateTime <= now && now < p.EndDateTime);
        if (current is null)
            return matching.Any(p => p.EndDateTime <= now)
                ? SignInResult.Refused(401, "invalid_client", 7000222,
                    $"The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new keys for " +
                    "your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: " +
                    "https://aka.ms/certCreds.")
                : SignInResult.Refused(401, "invalid_client", 7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the " +
                    $"client secret ID, for a secret added to app '{clientId}'.");

        var principal = state.Directory.ServicePrincipalByAppId(identity, application.AppId);
        if (principal is null)
            return SignInResult.Refused(401, "invalid_client", 7000229,
                $"The client application {application.AppId} is missing service principal in the tenant {identity.TenantId}. " +
                "See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119");
        if (!principal.AccountEnabled)
            return SignInResult.Refused(400, "unauthorized_client", 7000112,
                $"Application '{application.AppId}'({application.DisplayName}) is disabled.");

        return SignInResult.Success(new TokenPrincipal(principal.Id, application.AppId, identity.TenantId));
    }
}
