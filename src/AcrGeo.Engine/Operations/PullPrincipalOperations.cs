using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Graph;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;
using Azure.Identity;

namespace AcrGeo.Operations;

/// <summary>How <see cref="PullPrincipalOperations.CreateAsync"/> makes a pull principal.</summary>
public sealed class PullPrincipalRequest
{
    /// <summary>AcrPull (pull only, the default) or AcrPush.</summary>
    public string Role { get; init; } = "AcrPull";
    /// <summary>How long the password lives; with neither this nor <see cref="EndDate"/>, one year.</summary>
    public TimeSpan? ExpiresIn { get; init; }
    /// <summary>When the password expires (a local or UTC time).</summary>
    public DateTime? EndDate { get; init; }
    /// <summary>Default: "{registry}-pull" (or "-push").</summary>
    public string? DisplayName { get; init; }
    /// <summary>Give the signed-in identity the vault access it lacks, instead of refusing.</summary>
    public bool GrantVaultAccess { get; init; }
}

/// <summary>
/// Least-privilege registry credentials kept in a vault: an application and service principal holding AcrPull (or
/// AcrPush) on one registry, whose application id and password are stored as the secrets
/// <c>{registry}-pull-usr</c> and <c>{registry}-pull-pwd</c>. Every step converges when run again, and a password is
/// created only right before it is stored, so none is ever lost.
/// </summary>
public sealed class PullPrincipalOperations
{
    const string PasswordName = "AcrGeo registry credential";
    /// <summary>The application tag that names the vault holding the principal's secrets, so a sweep can say where they are.</summary>
    const string VaultTag = "AcrGeoVault:";
    const string RoleAssignmentWrite = "Microsoft.Authorization/roleAssignments/write";
    /// <summary>Undoing a stopped or failed run gets this long, on a token of its own: the run's own may be cancelled already.</summary>
    static readonly TimeSpan UndoTimeout = TimeSpan.FromSeconds(30);
    readonly AcrGeoConnection connection;
    readonly GraphClient graph;
    readonly AuthorizationOperations authorization;

    public PullPrincipalOperations(AcrGeoConnection connection)
    {
        this.connection = connection;
        graph = new GraphClient(connection);
        authorization = new AuthorizationOperations(connection);
    }

    static string Kind(string roleId) => roleId == Roles.AcrPush ? "push" : "pull";
    public static string UsernameSecret(AcrRegistry registry, string role = "AcrPull") => $"{registry.Name}-{Kind(Roles.IdOf(role))}-usr";
    public static string PasswordSecret(AcrRegistry registry, string role = "AcrPull") => $"{registry.Name}-{Kind(Roles.IdOf(role))}-pwd";

    /// <summary>
    /// Creates the principal, or completes and returns the one a previous run made (found through the vault's user-name
    /// secret, else by display name). Everything that can be checked is checked before the first change: the role
    /// name, the expiry, the vault and the signed-in identity's right to write its secrets and to assign roles on the
    /// registry. If a later step fails, what this run created is removed again; if even that fails, the error lists
    /// exactly what remains.
    /// </summary>
    public async Task<AcrPullPrincipal> CreateAsync(AcrRegistry registry, string vaultName, PullPrincipalRequest request, OperationContext context)
    {
        var roleId = Roles.IdOf(request.Role);
        var end = InputRules.PasswordExpiry(request.ExpiresIn, request.EndDate, DateTimeOffset.UtcNow);
        var displayName = InputRules.DisplayName(request.DisplayName ?? $"{registry.Name}-{Kind(roleId)}");
        var vault = await new VaultOperations(connection).GetAsync(vaultName, context).ConfigureAwait(false);
        vault = await new VaultOperations(connection).EnsureSecretAccessAsync(vault, request.GrantVaultAccess, context).ConfigureAwait(false);
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        if (!await authorization.IsAllowedAsync(caller.ObjectId, registry.Id, RoleAssignmentWrite, false, context).ConfigureAwait(false))
            throw new AcrGeoException(ErrorIds.RoleAssignmentDenied, AcrErrorCategory.PermissionDenied,
                $"The signed-in identity ({caller}) may not assign roles on registry '{registry.Name}'; it needs Owner or User Access " +
                "Administrator on the registry, its resource group or the subscription. Nothing was created.", registry);

        var secrets = new VaultSecrets(connection, vault);
        var names = new SecretNames(UsernameSecret(registry, request.Role), PasswordSecret(registry, request.Role));
        var storedUser = await secrets.GetAsync(names.Username, context).ConfigureAwait(false);
        var existing = await FindApplicationAsync(storedUser?.Value, displayName, context).ConfigureAwait(false);

        return existing is null
            ? await CreateNewAsync(registry, vault, secrets, names, roleId, displayName, end, storedUser?.Value, context).ConfigureAwait(false)
            : await ChangeJournal.RunAsync(context, $"Run the same New-AcrPullPrincipal command again to finish the principal.",
                journal => CompleteExistingAsync(registry, vault, secrets, names, roleId, existing, end, journal, context)).ConfigureAwait(false);
    }

    /// <summary>
    /// A new application, service principal, role assignment, password and secrets. When a step fails, or the command is
    /// stopped, what this run made is removed again on a token of its own, and the error (or, for a stop, a warning) says
    /// what was removed and what could not be.
    /// </summary>
    async Task<AcrPullPrincipal> CreateNewAsync(AcrRegistry registry, AcrVault vault, VaultSecrets secrets, SecretNames names, string roleId,
        string displayName, DateTimeOffset end, string? previousUser, OperationContext context)
    {
        var progress = new ProgressReporter(context, 300, $"Creating pull principal {displayName}");
        var journal = new ChangeJournal();
        GraphApplication? application = null;
        RoleAssignment? assignment = null;
        var userWritten = false;
        try
        {
            journal.Sent($"application '{displayName}'");
            application = await graph.CreateApplicationAsync(displayName, new[] { VaultTag + vault.Name }, context).ConfigureAwait(false);
            journal.Done($"created application '{displayName}' ({application.AppId})", $"application '{displayName}'");
            progress.Status("Application created");
            var principal = await graph.CreateServicePrincipalAsync(application.AppId, context).ConfigureAwait(false);
            progress.Status("Service principal created");
            assignment = await authorization.AssignAsync(registry.Id, roleId, principal.ObjectId, context).ConfigureAwait(false);
            progress.Status($"{Roles.NameOf(roleId)} assigned on {registry.Name}");
            // From here on the password exists: it is stored at once, or removed with the application.
            var password = await graph.AddPasswordAsync(application.ObjectId, PasswordName, end, context).ConfigureAwait(false);
            userWritten = true;
            await secrets.SetAsync(names.Username, application.AppId, null, Tags(registry, roleId, application.AppId, null), context).ConfigureAwait(false);
            await secrets.SetAsync(names.Password, password.Secret, password.EndDateTime,
                Tags(registry, roleId, application.AppId, password.KeyId), context).ConfigureAwait(false);
            return Describe(registry, vault, names, application, principal, roleId, assignment.Id, password.EndDateTime, password.KeyId);
        }
        catch (Exception e) when (e is AcrGeoException or OperationCanceledException)
        {
            var stopped = e is OperationCanceledException;
            if (application is null)
            {
                // The application's creation itself failed or was stopped: it may still have been made, and a re-run finds it by name.
                if (stopped) context.Warn($"Stopped. {journal.Describe(stopped: true)} Run New-AcrPullPrincipal again to finish, or Remove-AcrPullPrincipal.");
                if (stopped || e is not AcrGeoException failure) throw;
                throw journal.Explain(failure, $"Run the same New-AcrPullPrincipal command again: it finds the application by its name '{displayName}'.");
            }
            var (removed, left) = await RollBackAsync(application, assignment, userWritten ? (secrets, names.Username, previousUser) : default,
                registry, context).ConfigureAwait(false);
            var report = left.Count == 0
                ? $"What this run had created was removed again ({string.Join("; ", removed)}); nothing was left behind."
                : $"Removed again: {(removed.Count == 0 ? "nothing" : string.Join("; ", removed))}. Could not be removed: {string.Join("; ", left)}. " +
                  $"Run Remove-AcrPullPrincipal -Registry {registry.Name} -VaultName {vault.Name} to remove them, or New-AcrPullPrincipal " +
                  "again to finish the principal.";
            if (stopped)
            {
                context.Warn($"Stopped while creating pull principal '{displayName}'. {report}");
                throw;
            }
            var cause = (AcrGeoException)e;
            throw left.Count == 0
                ? new AcrGeoException(cause.ErrorId, cause.Category, $"{cause.Message} {report}", cause.Target, cause, cause.ArmCode, cause.HttpStatus)
                : new AcrGeoException(ErrorIds.PullPrincipalIncomplete, AcrErrorCategory.InvalidOperation,
                    $"Creating the pull principal failed ({cause.Message}). {report}", registry, cause);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>
    /// A principal a previous run made: add what is missing (service principal, role, secrets). A new password is
    /// made only when the vault does not hold a current one; stale AcrGeo passwords the vault does not hold are removed.
    /// </summary>
    async Task<AcrPullPrincipal> CompleteExistingAsync(AcrRegistry registry, AcrVault vault, VaultSecrets secrets, SecretNames names,
        string roleId, GraphApplication application, DateTimeOffset end, ChangeJournal journal, OperationContext context)
    {
        context.Log($"Pull principal '{application.DisplayName}' ({application.AppId}) exists; completing it.");
        journal.Done($"found application '{application.DisplayName}' ({application.AppId}) from an earlier run");
        var principal = await graph.FindServicePrincipalAsync(application.AppId, context).ConfigureAwait(false)
                        ?? await graph.CreateServicePrincipalAsync(application.AppId, context).ConfigureAwait(false);
        var assignment = await authorization.AssignAsync(registry.Id, roleId, principal.ObjectId, context).ConfigureAwait(false);

        var storedPassword = await secrets.GetAsync(names.Password, context).ConfigureAwait(false);
        var storedKey = storedPassword?.Properties.Tags.TryGetValue("acrgeo-keyId", out var key) == true ? key : null;
        var current = application.Passwords.FirstOrDefault(p => p.KeyId == storedKey && p.EndDateTime > DateTimeOffset.UtcNow);
        var storedUser = await secrets.GetAsync(names.Username, context).ConfigureAwait(false);
        if (storedUser?.Value != application.AppId)
            await secrets.SetAsync(names.Username, application.AppId, null, Tags(registry, roleId, application.AppId, null), context).ConfigureAwait(false);
        if (current is null)
        {
            var password = await StoreNewPasswordAsync(application, secrets, names, registry, roleId, end, journal, context).ConfigureAwait(false);
            current = new GraphPassword(password.KeyId, PasswordName, password.EndDateTime);
        }
        foreach (var stale in application.Passwords.Where(p => p.KeyId != current.KeyId && p.DisplayName == PasswordName))
            await graph.RemovePasswordAsync(application.ObjectId, stale.KeyId, context).ConfigureAwait(false);
        return Describe(registry, vault, names, application, principal, roleId, assignment.Id, current.EndDateTime, current.KeyId);
    }

    /// <summary>
    /// A new password for the principal, stored in the vault before the old one is removed: the vault never holds a
    /// password that does not work. The new password is proven to sign in before it replaces the old, and a new password
    /// that cannot be stored is removed again, so none is left that nobody can read. Container groups that pull with the
    /// old password are named in a warning: they fail at their next start or restart (use
    /// <see cref="ResetCredentialWithContainerInstancesAsync"/> to redeploy them with the new one).
    /// </summary>
    public Task<AcrPullPrincipal> ResetCredentialAsync(AcrRegistry registry, string vaultName, TimeSpan? expiresIn, DateTime? endDate,
        string role, OperationContext context) =>
        ChangeJournal.RunAsync(context, "Run the same Reset-AcrPullPrincipalCredential command again: it stores a new password and removes the others.",
            async journal =>
            {
                var rotation = await BeginRotationAsync(registry, vaultName, expiresIn, endDate, role, journal, context).ConfigureAwait(false);
                var dependents = await new ContainerInstanceOperations(connection).FindUsingAsync(registry.LoginServer, rotation.Application.AppId, context)
                    .ConfigureAwait(false);
                await RetireOldPasswordsAsync(rotation, journal, context).ConfigureAwait(false);
                if (dependents.Count > 0)
                    context.Warn($"{dependents.Count} container group(s) pull with the old password, which no longer works: {string.Join(", ", dependents.Select(ResourceIds.GroupAndName))}. " +
                                 "They will fail to pull at their next start or restart; redeploy them with Reset-AcrPullPrincipalCredential " +
                                 "-UpdateContainerInstance, or with New-AcrContainerInstance.");
                return await DescribeRotatedAsync(registry, rotation, dependents, context).ConfigureAwait(false);
            });

    /// <summary>
    /// Rotates the password and redeploys every container group that pulls with it: the same definition with the new
    /// password, each checked to be Running (the runtime pulled with the new password), in parallel. Only when every group
    /// is back is the old password removed; a group that does not come back is reported (in <c>errors</c>) and the old
    /// password kept, so nothing is left broken, and running the command again finishes the job.
    /// </summary>
    public Task<(AcrCredentialRotation Rotation, IReadOnlyList<AcrGeoException> Errors)> ResetCredentialWithContainerInstancesAsync(
        AcrRegistry registry, string vaultName, TimeSpan? expiresIn, DateTime? endDate, string role, TimeSpan timeout, OperationContext context)
    {
        InputRules.Timeout(timeout, "-TimeoutSeconds");
        return ChangeJournal.RunAsync(context,
            "Run the same Reset-AcrPullPrincipalCredential -UpdateContainerInstance command again: it stores a new password, redeploys the " +
            "groups and removes the old password once every group is back.", async journal =>
        {
            var instances = new ContainerInstanceOperations(connection);
            var rotation = await BeginRotationAsync(registry, vaultName, expiresIn, endDate, role, journal, context).ConfigureAwait(false);
            var appId = rotation.Application.AppId;
            var dependents = await instances.FindUsingAsync(registry.LoginServer, appId, context).ConfigureAwait(false);
            context.Log($"{dependents.Count} container group(s) pull from {registry.LoginServer} as {appId}; redeploying them with the new password.");

            var outcomes = await Fanout.RunAsync(dependents, connection.Settings.MaxParallelOperations, async (groupId, _) =>
            {
                var what = $"the redeployment of container group '{ResourceIds.GroupAndName(groupId)}' with the new password";
                try
                {
                    journal.Sent(what);
                    var group = await instances.RedeployWithPasswordAsync(groupId, registry.LoginServer, appId, rotation.Password.Secret, timeout, context)
                        .ConfigureAwait(false);
                    journal.Done($"redeployed container group '{ResourceIds.GroupAndName(groupId)}' with the new password", what);
                    return new Outcome<AcrContainerInstance>(groupId, group, null);
                }
                catch (AcrGeoException e)
                {
                    return new Outcome<AcrContainerInstance>(groupId, null, e.ErrorId == ErrorIds.ContainerInstanceNotRedeployable
                        ? e
                        : new AcrGeoException(ErrorIds.ContainerInstanceNotUpdated, e.Category,
                            $"Container group '{ResourceIds.GroupAndName(groupId)}' did not come back with the new password: {e.Message} The old password " +
                            "was kept, so the group can still pull with what it had; fix the cause and run the command again.", groupId, e,
                            e.ArmCode, e.HttpStatus));
                }
            }, context.Cancellation).ConfigureAwait(false);

            var failed = outcomes.Where(o => !o.Succeeded).ToList();
            if (failed.Count == 0) await RetireOldPasswordsAsync(rotation, journal, context).ConfigureAwait(false);
            else context.Log($"{failed.Count} container group(s) did not come back; the old password is kept until every group is back.");
            var principal = await DescribeRotatedAsync(registry, rotation, dependents, context).ConfigureAwait(false);
            return (new AcrCredentialRotation
            {
                RegistryName = registry.Name,
                DisplayName = principal.DisplayName,
                AppId = appId,
                VaultName = principal.VaultName,
                Role = principal.Role,
                ExpiresOn = principal.ExpiresOn,
                Updated = outcomes.Where(o => o.Succeeded).Select(o => o.Value!).ToList(),
                Failed = failed.Select(o => ResourceIds.GroupAndName(o.Target)).ToList(),
                PreviousCredentialRemoved = failed.Count == 0,
            }, (IReadOnlyList<AcrGeoException>)failed.Select(o => o.Error!).ToList());
        });
    }

    /// <summary>A password rotation under way: the new password is proven and stored; the old ones still work.</summary>
    sealed record Rotation(string RoleId, AcrVault Vault, SecretNames Names, GraphApplication Application, GraphServicePrincipal Principal,
        NewPassword Password, string? StoredKeyId);

    /// <summary>
    /// The first half of every rotation: checks the expiry and the vault, finds the principal, adds a password, proves it
    /// signs in and stores it in the vault (a new password that cannot be proven or stored is removed again). The old
    /// passwords are left alone.
    /// </summary>
    async Task<Rotation> BeginRotationAsync(AcrRegistry registry, string vaultName, TimeSpan? expiresIn, DateTime? endDate, string role,
        ChangeJournal journal, OperationContext context)
    {
        var roleId = Roles.IdOf(role);
        var end = InputRules.PasswordExpiry(expiresIn, endDate, DateTimeOffset.UtcNow);
        var vault = await new VaultOperations(connection).GetAsync(vaultName, context).ConfigureAwait(false);
        vault = await new VaultOperations(connection).EnsureSecretAccessAsync(vault, grant: false, context).ConfigureAwait(false);
        var secrets = new VaultSecrets(connection, vault);
        var names = new SecretNames(UsernameSecret(registry, role), PasswordSecret(registry, role));
        var application = await RequireApplicationAsync(registry, vault, secrets, names, context).ConfigureAwait(false);
        var principal = await graph.FindServicePrincipalAsync(application.AppId, context).ConfigureAwait(false)
                        ?? throw NotFound(registry, vault);
        var stored = await secrets.GetAsync(names.Password, context).ConfigureAwait(false);
        var storedKey = stored?.Properties.Tags.TryGetValue("acrgeo-keyId", out var key) == true ? key : null;
        var password = await StoreNewPasswordAsync(application, secrets, names, registry, roleId, end, journal, context, prove: true).ConfigureAwait(false);
        return new Rotation(roleId, vault, names, application, principal, password, storedKey);
    }

    /// <summary>
    /// Adds a password and stores it (proving first, for a rotation, that it signs in). When anything after the addition
    /// fails or is stopped, the new password is removed again on a token of its own; the error or warning says whether
    /// that worked, and names the key id when it did not (a later run removes it).
    /// </summary>
    async Task<NewPassword> StoreNewPasswordAsync(GraphApplication application, VaultSecrets secrets, SecretNames names, AcrRegistry registry,
        string roleId, DateTimeOffset end, ChangeJournal journal, OperationContext context, bool prove = false)
    {
        journal.Sent("a new password");
        var password = await graph.AddPasswordAsync(application.ObjectId, PasswordName, end, context).ConfigureAwait(false);
        journal.Done($"added a new password (key id {password.KeyId}), not stored yet", "a new password");
        try
        {
            if (prove) await ProveSignInAsync(application.AppId, password.Secret, context).ConfigureAwait(false);
            await secrets.SetAsync(names.Password, password.Secret, password.EndDateTime, Tags(registry, roleId, application.AppId, password.KeyId),
                context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AcrGeoException or OperationCanceledException)
        {
            // Not stored means unusable: remove it rather than leave a credential nobody can read.
            string outcome;
            using (var undo = new System.Threading.CancellationTokenSource(UndoTimeout))
            {
                try
                {
                    await graph.RemovePasswordAsync(application.ObjectId, password.KeyId, context.Detached(undo.Token)).ConfigureAwait(false);
                    outcome = $"The new password (key id {password.KeyId}) was removed again; the stored password is unchanged and still works.";
                }
                catch (Exception undoFailure) when (undoFailure is AcrGeoException or OperationCanceledException)
                {
                    outcome = $"The new password (key id {password.KeyId}) could not be stored nor removed ({undoFailure.Message}); it is held " +
                              "nowhere and signs in only until it is removed. Running the command again removes it.";
                }
            }
            if (e is OperationCanceledException)
            {
                context.Warn($"Stopped. {outcome}");
                throw;
            }
            var cause = (AcrGeoException)e;
            throw new AcrGeoException(cause.ErrorId, cause.Category, $"{cause.Message} {outcome}", cause.Target, cause, cause.ArmCode, cause.HttpStatus);
        }
        journal.Done($"stored the new password (key id {password.KeyId}) in vault secret '{names.Password}'");
        return password;
    }

    /// <summary>The second half: the one the vault held and the others AcrGeo made go (the application was read before the new one).</summary>
    async Task RetireOldPasswordsAsync(Rotation rotation, ChangeJournal journal, OperationContext context)
    {
        foreach (var old in rotation.Application.Passwords.Where(p => p.KeyId == rotation.StoredKeyId || p.DisplayName == PasswordName))
        {
            var what = $"the removal of the old password (key id {old.KeyId})";
            journal.Sent(what);
            await graph.RemovePasswordAsync(rotation.Application.ObjectId, old.KeyId, context).ConfigureAwait(false);
            journal.Done($"removed the old password (key id {old.KeyId})", what);
        }
    }

    async Task<AcrPullPrincipal> DescribeRotatedAsync(AcrRegistry registry, Rotation rotation, IReadOnlyList<string> dependents,
        OperationContext context)
    {
        var assignment = (await authorization.ListForPrincipalAsync(registry.Id, rotation.Principal.ObjectId, context).ConfigureAwait(false))
            .FirstOrDefault(a => a.RoleId == rotation.RoleId);
        return Describe(registry, rotation.Vault, rotation.Names, rotation.Application, rotation.Principal, rotation.RoleId, assignment?.Id,
            rotation.Password.EndDateTime, rotation.Password.KeyId, dependents);
    }

    /// <summary>
    /// Every pull principal of the registries (all of the subscription's when none are given) with when its password
    /// expires and the container groups that pull with it; with <paramref name="expiringWithin"/>, only those whose
    /// password expires within that time from now (expired ones included). The container groups are listed once for all.
    /// </summary>
    public async Task<IReadOnlyList<AcrPullPrincipal>> SweepAsync(IReadOnlyList<AcrRegistry>? registries, TimeSpan? expiringWithin,
        OperationContext context)
    {
        if (expiringWithin is { } window) InputRules.ExpiryWindow(window);
        var all = registries ?? await new RegistryOperations(connection).ListAsync(null, context).ConfigureAwait(false);
        var groupsTask = new ContainerInstanceOperations(connection).ListAllDefinitionsAsync(context);
        var groups = await groupsTask.ConfigureAwait(false);
        var perRegistry = await Fanout.RunAsync(all, connection.Settings.MaxParallelOperations,
            (registry, _) => ListAsync(registry, groups, context), context.Cancellation).ConfigureAwait(false);
        var until = DateTimeOffset.UtcNow + (expiringWithin ?? TimeSpan.Zero);
        return perRegistry.SelectMany(p => p)
            .Where(p => expiringWithin is null || p.ExpiresOn is { } end && end <= until)
            .ToList();
    }

    /// <summary>The principal whose credentials the vault holds for the registry, with its expiry.</summary>
    public async Task<AcrPullPrincipal> GetAsync(AcrRegistry registry, string vaultName, string role, OperationContext context)
    {
        var roleId = Roles.IdOf(role);
        var vault = await new VaultOperations(connection).GetAsync(vaultName, context).ConfigureAwait(false);
        var secrets = new VaultSecrets(connection, vault);
        var names = new SecretNames(UsernameSecret(registry, role), PasswordSecret(registry, role));
        var application = await RequireApplicationAsync(registry, vault, secrets, names, context).ConfigureAwait(false);
        var principal = await graph.FindServicePrincipalAsync(application.AppId, context).ConfigureAwait(false);
        var stored = await secrets.GetAsync(names.Password, context).ConfigureAwait(false);
        var keyId = stored?.Properties.Tags.TryGetValue("acrgeo-keyId", out var key) == true ? key : null;
        var assignment = principal is null
            ? null
            : (await authorization.ListForPrincipalAsync(registry.Id, principal.ObjectId, context).ConfigureAwait(false)).FirstOrDefault(a => a.RoleId == roleId);
        return Describe(registry, vault, names, application, principal, roleId, assignment?.Id,
            application.Passwords.FirstOrDefault(p => p.KeyId == keyId)?.EndDateTime ?? stored?.Properties.ExpiresOn, keyId);
    }

    /// <summary>Every principal holding AcrPull or AcrPush on the registry itself, with when its passwords expire.</summary>
    public Task<IReadOnlyList<AcrPullPrincipal>> ListAsync(AcrRegistry registry, OperationContext context) => ListAsync(registry, null, context);

    /// <summary>The registry's principals; with the subscription's container groups, each with those that pull with it.</summary>
    async Task<IReadOnlyList<AcrPullPrincipal>> ListAsync(AcrRegistry registry, IReadOnlyList<JsonObject>? groups, OperationContext context)
    {
        var assignments = await connection.Rest.ListAsync(registry.Path.Provider("Microsoft.Authorization", "roleAssignments"),
            "2022-04-01", context, registry).ConfigureAwait(false);
        var result = new List<AcrPullPrincipal>();
        foreach (var assignment in assignments)
        {
            var roleId = ((string?)assignment["properties"]?["roleDefinitionId"] ?? "").Split('/').Last();
            var scope = (string?)assignment["properties"]?["scope"] ?? "";
            if (roleId is not (Roles.AcrPull or Roles.AcrPush) || !scope.Equals(registry.Id, StringComparison.OrdinalIgnoreCase)) continue;
            var principal = await graph.GetServicePrincipalAsync((string?)assignment["properties"]?["principalId"] ?? "", context).ConfigureAwait(false);
            var application = principal is null ? null : await graph.GetApplicationByAppIdAsync(principal.AppId, context).ConfigureAwait(false);
            if (principal is null || application is null) continue;
            result.Add(Describe(registry, null, null, application, principal, roleId, (string?)assignment["id"],
                application.Passwords.Count == 0 ? null : application.Passwords.Max(p => p.EndDateTime), null,
                groups is null ? null : ContainerInstanceOperations.UsersOf(groups, registry.LoginServer, application.AppId).Select(ResourceIds.GroupAndName).ToList()));
        }
        return result;
    }

    /// <summary>The stored credentials, for docker login, container groups and the like.</summary>
    public async Task<(string UserName, SecureString Password)> GetCredentialAsync(AcrRegistry registry, string vaultName, string role,
        OperationContext context)
    {
        var vault = await new VaultOperations(connection).GetAsync(vaultName, context).ConfigureAwait(false);
        var secrets = new VaultSecrets(connection, vault);
        var user = await secrets.GetAsync(UsernameSecret(registry, role), context).ConfigureAwait(false);
        var password = await secrets.GetAsync(PasswordSecret(registry, role), context).ConfigureAwait(false);
        if (user is null || password is null)
            throw new AcrGeoException(ErrorIds.PullCredentialNotFound, AcrErrorCategory.ObjectNotFound,
                $"Vault '{vault.Name}' holds no {(user is null ? UsernameSecret(registry, role) : PasswordSecret(registry, role))} secret. " +
                $"Create the principal with New-AcrPullPrincipal -Registry {registry.Name} -VaultName {vault.Name}.", registry);
        return (user.Value, SecureText.From(password.Value));
    }

    /// <summary>
    /// Removes the role assignments, the service principal and application, and both secrets. A principal that is not
    /// there at all (no application, no secret) gets PullPrincipalNotFound, as Remove-Item does for a missing path; one
    /// that is partly there is removed as far as it exists.
    /// </summary>
    public async Task RemoveAsync(AcrRegistry registry, string vaultName, string role, OperationContext context)
    {
        var vault = await new VaultOperations(connection).GetAsync(vaultName, context).ConfigureAwait(false);
        var secrets = new VaultSecrets(connection, vault);
        var names = new SecretNames(UsernameSecret(registry, role), PasswordSecret(registry, role));
        var storedUser = await secrets.GetAsync(names.Username, context).ConfigureAwait(false);
        var storedPassword = await secrets.GetAsync(names.Password, context).ConfigureAwait(false);
        var application = await FindApplicationAsync(storedUser?.Value, $"{registry.Name}-{Kind(Roles.IdOf(role))}", context).ConfigureAwait(false);
        if (application is null && storedUser is null && storedPassword is null) throw NotFound(registry, vault);

        await ChangeJournal.RunAsync(context, $"Run the same Remove-AcrPullPrincipal command again to remove the rest.", async journal =>
        {
            if (application is not null)
            {
                var principal = await graph.FindServicePrincipalAsync(application.AppId, context).ConfigureAwait(false);
                if (principal is not null)
                    foreach (var assignment in await authorization.ListForPrincipalAsync(registry.Id, principal.ObjectId, context).ConfigureAwait(false))
                        if (assignment.Scope.Equals(registry.Id, StringComparison.OrdinalIgnoreCase))
                        {
                            journal.Sent($"the removal of role assignment {assignment.Id}");
                            await authorization.RemoveAsync(assignment.Id, context).ConfigureAwait(false);
                            journal.Done($"removed role {Roles.NameOf(assignment.RoleId)} on '{registry.Name}'", $"the removal of role assignment {assignment.Id}");
                        }
                var app = $"the removal of application '{application.DisplayName}' ({application.AppId})";
                journal.Sent(app);
                await graph.DeleteApplicationAsync(application.ObjectId, context).ConfigureAwait(false);
                journal.Done($"removed application '{application.DisplayName}' ({application.AppId}) and its service principal", app);
                context.Log($"Removed application '{application.DisplayName}' ({application.AppId}) and its service principal.");
            }
            foreach (var secret in new[] { names.Password, names.Username })
            {
                journal.Sent($"the deletion of secret '{secret}'");
                await secrets.DeleteAsync(secret, context).ConfigureAwait(false);
                journal.Done($"deleted secret '{secret}'", $"the deletion of secret '{secret}'");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The vault's user-name secret names the principal; a display-name match is the fallback for a run that died early.</summary>
    async Task<GraphApplication?> FindApplicationAsync(string? storedAppId, string displayName, OperationContext context)
    {
        if (storedAppId is { Length: > 0 } && await graph.GetApplicationByAppIdAsync(storedAppId, context).ConfigureAwait(false) is { } stored)
            return stored;
        var byName = await graph.FindApplicationsAsync(displayName, context).ConfigureAwait(false);
        return byName.Count switch
        {
            0 => null,
            1 => byName[0],
            _ => throw new AcrGeoException(ErrorIds.PullPrincipalAmbiguous, AcrErrorCategory.InvalidOperation,
                $"{byName.Count} applications are named '{displayName}' ({string.Join(", ", byName.Select(a => a.AppId))}) and the vault " +
                "names none of them. Remove the extra ones, or give -DisplayName.", displayName),
        };
    }

    async Task<GraphApplication> RequireApplicationAsync(AcrRegistry registry, AcrVault vault, VaultSecrets secrets, SecretNames names,
        OperationContext context)
    {
        var user = await secrets.GetAsync(names.Username, context).ConfigureAwait(false);
        return user is not null && await graph.GetApplicationByAppIdAsync(user.Value, context).ConfigureAwait(false) is { } application
            ? application
            : throw NotFound(registry, vault);
    }

    static AcrGeoException NotFound(AcrRegistry registry, AcrVault vault) =>
        new(ErrorIds.PullPrincipalNotFound, AcrErrorCategory.ObjectNotFound,
            $"Vault '{vault.Name}' names no existing pull principal for registry '{registry.Name}'. Create one with New-AcrPullPrincipal " +
            $"-Registry {registry.Name} -VaultName {vault.Name}.", registry);

    /// <summary>Undoes a failed or stopped creation in reverse order; returns what was removed and what could not be.</summary>
    async Task<(List<string> Removed, List<string> Left)> RollBackAsync(GraphApplication application, RoleAssignment? assignment,
        (VaultSecrets Secrets, string Name, string? Previous) user, AcrRegistry registry, OperationContext context)
    {
        // A token of its own, bounded: the command's may be cancelled already (Ctrl+C), and nothing this run made may outlive it.
        using var timeout = new System.Threading.CancellationTokenSource(UndoTimeout);
        var undo = context.Detached(timeout.Token);
        var removed = new List<string>();
        var left = new List<string>();
        async Task Step(string what, Func<Task> action)
        {
            try
            {
                await action().ConfigureAwait(false);
                removed.Add(what);
            }
            catch (Exception e) when (e is AcrGeoException or OperationCanceledException)
            {
                left.Add($"{what} ({e.Message})");
            }
        }
        if (user.Secrets is not null)
            await Step(user.Previous is null ? $"secret '{user.Name}'" : $"the new value of secret '{user.Name}' (the previous one is back)",
                () => user.Previous is null
                    ? user.Secrets.DeleteAsync(user.Name, undo)
                    : user.Secrets.SetAsync(user.Name, user.Previous, null, new Dictionary<string, string>(), undo)).ConfigureAwait(false);
        if (assignment is not null)
            await Step($"role assignment {assignment.Id}", () => authorization.RemoveAsync(assignment.Id, undo)).ConfigureAwait(false);
        await Step($"application '{application.DisplayName}' ({application.AppId}) with its service principal and password",
            () => graph.DeleteApplicationAsync(application.ObjectId, undo)).ConfigureAwait(false);
        context.Log(left.Count == 0 ? $"Rolled back the partial pull principal for '{registry.Name}'." : $"Roll-back left: {string.Join("; ", left)}");
        return (removed, left);
    }

    /// <summary>Signs in once with the new password, retrying while the directory replicates it (Entra ID takes seconds).</summary>
    async Task ProveSignInAsync(string appId, SecureString secret, OperationContext context)
    {
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        var credential = connection.CredentialFor(caller.TenantId, appId, secret);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await credential.GetTokenAsync(new TokenRequestContext(new[] { connection.Cloud.ResourceManagerAudience + "/.default" }),
                    context.Cancellation).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (ServiceFailure.From(e, Service.ResourceManager, connection.Cloud.AuthorityHost, connection.Settings.MaxRetries, appId)
                                          is { ErrorId: ErrorIds.SignInUnavailable } unavailable)
            {
                throw unavailable;
            }
            catch (AuthenticationFailedException e) when (DateTime.UtcNow < deadline)
            {
                context.Log($"The new password does not sign in yet ({e.GetType().Name}); retrying while the directory replicates it.");
                await Task.Delay(TimeSpan.FromSeconds(5), context.Cancellation).ConfigureAwait(false);
            }
            catch (AuthenticationFailedException e)
            {
                throw new AcrGeoException(ErrorIds.CredentialNotAccepted, AcrErrorCategory.AuthenticationError,
                    "The new password did not sign in within 60 s. Try again later.",
                    appId, e);
            }
        }
    }

    static IDictionary<string, string> Tags(AcrRegistry registry, string roleId, string appId, string? keyId)
    {
        var tags = new Dictionary<string, string>
        {
            ["acrgeo-purpose"] = $"{Roles.NameOf(roleId)} credential ({(keyId is null ? "user name" : "password")}) for {registry.LoginServer}",
            ["acrgeo-registry"] = registry.LoginServer,
            ["acrgeo-appId"] = appId,
        };
        if (keyId is not null) tags["acrgeo-keyId"] = keyId;
        return tags;
    }

    static AcrPullPrincipal Describe(AcrRegistry registry, AcrVault? vault, SecretNames? names, GraphApplication application,
        GraphServicePrincipal? principal, string roleId, string? assignmentId, DateTimeOffset? expiresOn, string? keyId,
        IReadOnlyList<string>? containerInstances = null)
    {
        // A principal found through its role assignment names its vault in a tag of its application (New-AcrPullPrincipal sets it).
        var vaultName = vault?.Name ?? application.Tags.FirstOrDefault(t => t.StartsWith(VaultTag, StringComparison.Ordinal))?.Substring(VaultTag.Length);
        return new AcrPullPrincipal
        {
            RegistryName = registry.Name,
            LoginServer = registry.LoginServer,
            ResourceGroupName = registry.ResourceGroupName,
            VaultName = vaultName ?? "",
            UsernameSecretName = names?.Username ?? (vaultName is null ? "" : UsernameSecret(registry, Roles.NameOf(roleId))),
            PasswordSecretName = names?.Password ?? (vaultName is null ? "" : PasswordSecret(registry, Roles.NameOf(roleId))),
            AppId = application.AppId,
            DisplayName = application.DisplayName,
            ApplicationObjectId = application.ObjectId,
            ServicePrincipalId = principal?.ObjectId ?? "",
            Role = Roles.NameOf(roleId),
            Scope = registry.Id,
            RoleAssignmentId = assignmentId,
            ExpiresOn = expiresOn,
            CredentialKeyId = keyId,
            ContainerInstances = containerInstances ?? Array.Empty<string>(),
        };
    }

    sealed record SecretNames(string Username, string Password);
}
