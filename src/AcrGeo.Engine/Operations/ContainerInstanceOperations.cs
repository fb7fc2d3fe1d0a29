using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;
using Azure.Identity;

namespace AcrGeo.Operations;

/// <summary>What <see cref="ContainerInstanceOperations.CreateAsync"/> deploys.</summary>
public sealed record ContainerInstanceRequest
{
    public string Name { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    /// <summary>"repo:tag" (resolved against the registry's login server) or a full reference.</summary>
    public string Image { get; init; } = "";
    /// <summary>Null: the registry's replica nearest to the resource group.</summary>
    public string? Location { get; init; }
    /// <summary>Null: the name and a random suffix, as the source document's aci-demo-$RANDOM.</summary>
    public string? DnsNameLabel { get; init; }
    public IReadOnlyList<int> Ports { get; init; } = new[] { 80 };
    public double Cpu { get; init; } = 1;
    public double MemoryInGb { get; init; } = 1.5;
    public IDictionary<string, string>? Environment { get; init; }
    public IDictionary<string, SecureString>? SecureEnvironment { get; init; }
    public string OsType { get; init; } = "Linux";
    public string RestartPolicy { get; init; } = "Always";
    public string? RegistryUserName { get; init; }
    public SecureString? RegistryPassword { get; init; }
    /// <summary>Without a user name and password: the vault whose {registry}-pull-usr/-pwd secrets hold them.</summary>
    public string? VaultName { get; init; }
    /// <summary>
    /// The resource id of a user-assigned managed identity to pull with instead of a password: it is assigned to the group
    /// and named by the group's registry credential.
    /// </summary>
    public string? PullIdentityId { get; init; }
    /// <summary>Return once the deployment is accepted, without waiting until the container runs.</summary>
    public bool NoWait { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>Container groups that run images from a registry.</summary>
public sealed class ContainerInstanceOperations
{
    internal const string Version = "2025-09-01";
    readonly AcrGeoConnection connection;

    public ContainerInstanceOperations(AcrGeoConnection connection) => this.connection = connection;

    ArmPath Path(string resourceGroup, string name) =>
        connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider("Microsoft.ContainerInstance", "containerGroups", name);

    /// <summary>
    /// Deploys a container group from the registry, pulling with a password (given, or read from the vault's pull
    /// secrets) or with a user-assigned identity. Before anything is created it checks every value, reads the group's
    /// resource group and any group of that name already there, and does what the container runtime will do, telling
    /// apart the causes that Azure reports alike as InaccessibleImage: credentials that do not sign in (or have expired),
    /// a principal without a pull role, an identity that does not exist or holds no pull role, an image or tag that is not
    /// there, or not yet in the replica the group will pull from. A group that exists keeps its DNS name label (and so its
    /// FQDN) unless another is given. Then it waits until the container runs, with progress.
    /// </summary>
    public async Task<AcrContainerInstance> CreateAsync(AcrRegistry registry, ContainerInstanceRequest request, OperationContext context)
    {
        var image = Check(request);
        var fullImage = image.WithRegistry(image.Registry ?? registry.LoginServer);
        var fromRegistry = (image.Registry ?? registry.LoginServer).Equals(registry.LoginServer, StringComparison.OrdinalIgnoreCase);
        var identities = new PullIdentityOperations(connection);
        if (request.PullIdentityId is not null)
        {
            if (!fromRegistry)
                throw new AcrGeoException(ErrorIds.InvalidPullIdentity, AcrErrorCategory.InvalidArgument,
                    $"A pull identity pulls images of {registry.LoginServer}; '{request.Image}' is not one of them.", request.Image);
        }
        else if (fromRegistry && request.VaultName is null && (request.RegistryUserName is null || request.RegistryPassword is null))
            throw new AcrGeoException(ErrorIds.RegistryCredentialRequired, AcrErrorCategory.InvalidArgument,
                $"Pulling from {registry.LoginServer} needs credentials: give -PullIdentity (a managed identity, no password), " +
                $"-Credential, or -VaultName (the vault with the {registry.Name}-pull-usr/-pwd secrets), or pipe the object " +
                "New-AcrPullIdentity or New-AcrPullPrincipal returns.", request.Image);

        var groupLocation = await new ResourceGroupOperations(connection).GetLocationAsync(request.ResourceGroupName, context).ConfigureAwait(false);
        // One list of replicas serves both the choice of region and the pull check.
        var replicas = await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false);
        var location = await ChooseLocationAsync(registry, replicas, request, groupLocation, context).ConfigureAwait(false);
        if (request.VaultName is not null && request.RegistryUserName is null)
        {
            var (user, password) = await new PullPrincipalOperations(connection).GetCredentialAsync(registry, request.VaultName, "AcrPull", context)
                .ConfigureAwait(false);
            request = request with { RegistryUserName = user, RegistryPassword = password };
        }
        // A runtime pulls from the replica in its own region, else from the registry's home region.
        var pullRegion = replicas.Any(r => r.Location == location) ? location : InputRules.NormalizeRegion(registry.Location);
        IReadOnlyList<RoleAssignment> pullRoles = Array.Empty<RoleAssignment>();
        if (request.PullIdentityId is { } identity)
        {
            var principalId = (string?)(await identities.GetAsync(identity, context).ConfigureAwait(false))["properties"]?["principalId"] ?? "";
            pullRoles = await identities.RequirePullRoleAsync(registry, identity, principalId, context).ConfigureAwait(false);
            var plane = new RegistryDataPlane(connection);
            if (!await plane.ExistsInRegionAsync(registry, pullRegion, image.RepositoryPath, image.Reference, context).ConfigureAwait(false))
                throw await ImageMissingAsync(plane, registry, replicas, pullRegion, image, context).ConfigureAwait(false);
        }
        else if (fromRegistry)
            await DiagnosePullAsync(registry, replicas, pullRegion, image, request.RegistryUserName!, request.RegistryPassword!, context)
                .ConfigureAwait(false);

        var path = Path(request.ResourceGroupName, request.Name);
        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, Version, null, context).ConfigureAwait(false);
        if (!existing.IsSuccess && existing.Status != 404) throw existing.ToException(request.Name);
        var label = request.DnsNameLabel
                    ?? (existing.IsSuccess ? (string?)existing.Body?["properties"]?["ipAddress"]?["dnsNameLabel"] : null)
                    ?? NewDnsNameLabel(request.Name);
        var body = Body(request, fullImage, location, label, fromRegistry ? registry.LoginServer : null);
        var progress = new ProgressReporter(context, 500, $"Deploying {request.Name} ({fullImage}) in {location}");
        try
        {
            return await ChangeJournal.RunAsync(context,
                $"Run the same New-AcrContainerInstance command again to finish (it keeps the group's DNS name label), or remove the group " +
                $"with Remove-AcrContainerInstance -ResourceGroupName {request.ResourceGroupName} -Name {request.Name}.", async journal =>
                {
                    var what = $"container group '{request.Name}' in resource group '{request.ResourceGroupName}'";
                    journal.Sent(what);
                    if (request.NoWait)
                    {
                        var reply = await PutAllowingForPropagationAsync(path, body, pullRoles, progress, context).ConfigureAwait(false);
                        if (!reply.IsSuccess) throw reply.ToException(request.Name);
                        journal.Done($"deployed {what}", what);
                        return FromJson(reply.Object, includeEvents: false);
                    }
                    await LongRunning.RunAsync(connection.Rest, () => PutAllowingForPropagationAsync(path, body, pullRoles, progress, context),
                        RequestMethod.Put, path, Version, connection.Settings.PollInterval, progress.Status, context, request.Name).ConfigureAwait(false);
                    journal.Done($"deployed {what}", what);
                    return await WaitRunningAsync(path, request.Timeout, progress, context).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>
    /// How long a new role assignment may take to reach a registry: Azure says up to ten minutes. A container group whose
    /// identity was given its pull role less than this ago may be refused (InaccessibleImage) though nothing is wrong yet.
    /// </summary>
    static readonly TimeSpan PropagationAllowance = TimeSpan.FromMinutes(10);

    /// <summary>
    /// PUTs the group; when it pulls with an identity whose pull role is younger than <see cref="PropagationAllowance"/>
    /// and Azure answers InaccessibleImage (every check passed before, so the role has not reached the registry yet),
    /// PUTs again with growing waits until the role is old enough to be trusted. A refused PUT creates nothing.
    /// </summary>
    async Task<ArmReply> PutAllowingForPropagationAsync(ArmPath path, JsonObject body, IReadOnlyList<RoleAssignment> pullRoles,
        ProgressReporter progress, OperationContext context)
    {
        var assignedOn = pullRoles.Count == 0 ? null : pullRoles.Max(a => a.CreatedOn);
        var wait = connection.Settings.PollInterval > TimeSpan.FromSeconds(1) ? connection.Settings.PollInterval : TimeSpan.FromSeconds(1);
        var waited = false;
        while (true)
        {
            var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, Version, body, context).ConfigureAwait(false);
            if (reply.ErrorCode != "InaccessibleImage" || assignedOn is not { } assigned) return reply;
            if (DateTimeOffset.UtcNow >= assigned + PropagationAllowance)
                return waited
                    ? throw new AcrGeoException(ErrorIds.PullRoleNotPropagated, AcrErrorCategory.ResourceUnavailable,
                        $"The pull identity's role on the registry, assigned at {assigned:u}, had still not reached the registry after " +
                        $"{PropagationAllowance.TotalMinutes:0} minutes, so the container could not pull. Try again later.", path.PathOnly)
                    : reply;
            context.Log($"The registry refused the pull identity; its role was assigned at {assigned:u} and may not have reached the " +
                        $"registry yet. Trying again in {wait.TotalSeconds:0} s.");
            progress.Status("Waiting for the pull role to reach the registry");
            await Task.Delay(wait, context.Cancellation).ConfigureAwait(false);
            waited = true;
            wait = wait + wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait + wait;
        }
    }

    /// <summary>The name and a random suffix, as the source document's aci-demo-$RANDOM, shaped to be a valid label.</summary>
    static string NewDnsNameLabel(string name)
    {
        var stem = char.IsLetter(name[0]) ? name : "aci-" + name;
        stem = stem.Length > 56 ? stem.Substring(0, 56).TrimEnd('-') : stem;
        return $"{stem}-{Guid.NewGuid().ToString("N").Substring(0, 6)}";
    }

    /// <summary>Every value of the request by its rule, before any request; returns the parsed image.</summary>
    public static ImageReference Check(ContainerInstanceRequest request)
    {
        InputRules.ContainerGroupName(request.Name);
        InputRules.ResourceGroupName(request.ResourceGroupName);
        if (request.DnsNameLabel is not null) InputRules.DnsNameLabel(request.DnsNameLabel);
        if (request.Location is not null) InputRules.RegionName(request.Location);
        if (request.VaultName is not null) InputRules.VaultName(request.VaultName);
        InputRules.Ports(request.Ports);
        InputRules.Cpu(request.Cpu);
        InputRules.MemoryInGb(request.MemoryInGb);
        InputRules.EnvironmentVariableNames((request.Environment?.Keys ?? Enumerable.Empty<string>())
            .Concat(request.SecureEnvironment?.Keys ?? Enumerable.Empty<string>()));
        InputRules.OsType(request.OsType);
        InputRules.RestartPolicy(request.RestartPolicy);
        InputRules.Timeout(request.Timeout);
        if (request.PullIdentityId is { } identity) PullIdentityOperations.CheckId(identity);
        return ImageReference.Parse(request.Image);
    }

    /// <summary>The given region, else the registry replica nearest the resource group (distance on the globe).</summary>
    async Task<string> ChooseLocationAsync(AcrRegistry registry, IReadOnlyList<AcrReplica> replicas, ContainerInstanceRequest request,
        string groupLocation, OperationContext context)
    {
        var regions = await connection.Regions.GetAsync(context).ConfigureAwait(false);
        if (request.Location is { } given)
        {
            var name = InputRules.RegionName(given);
            var region = regions.FirstOrDefault(r => r.Name == name) ?? throw ReplicaOperations.UnknownRegion(new[] { given }, regions);
            return region.Name;
        }
        var from = regions.FirstOrDefault(r => r.Name == InputRules.NormalizeRegion(groupLocation));
        var nearest = replicas
            .Select(r => (Replica: r, Region: regions.FirstOrDefault(x => x.Name == r.Location)))
            .OrderBy(x => Distance(from, x.Region))
            .First();
        context.Log($"Deploying in {nearest.Replica.Location}: the replica of '{registry.Name}' nearest the resource group ({groupLocation}).");
        return nearest.Replica.Location;
    }

    static double Distance(RegionEntry? a, RegionEntry? b)
    {
        if (a?.Latitude is not { } lat1 || a.Longitude is not { } lon1 || b?.Latitude is not { } lat2 || b.Longitude is not { } lon2)
            return double.MaxValue;
        if (a.Name == b.Name) return 0;
        double Radians(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2) +
                Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2);
        return 2 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    async Task DiagnosePullAsync(AcrRegistry registry, IReadOnlyList<AcrReplica> replicas, string region, ImageReference image, string user,
        SecureString password, OperationContext context)
    {
        var plane = new RegistryDataPlane(connection);
        switch (await plane.CheckPullAsync(registry, region, image.RepositoryPath, image.Reference, user, password, context).ConfigureAwait(false))
        {
            case PullCheck.Allowed:
                return;
            case PullCheck.CredentialsRejected:
                throw await WhyRejectedAsync(registry, user, password, context).ConfigureAwait(false);
            case PullCheck.NoPullRight:
                throw new AcrGeoException(ErrorIds.PullRoleMissing, AcrErrorCategory.PermissionDenied,
                    $"'{user}' signs in to {registry.LoginServer} but holds no pull role there, so the container could not pull. Give it " +
                    $"AcrPull on the registry (New-AcrPullPrincipal -Registry {registry.Name} makes a principal that has it).", user);
            default:
                throw await ImageMissingAsync(plane, registry, replicas, region, image, context).ConfigureAwait(false);
        }
    }

    /// <summary>Why the image is not in the replica of <paramref name="region"/>: still on its way there, or not in the registry at all.</summary>
    static async Task<AcrGeoException> ImageMissingAsync(RegistryDataPlane plane, AcrRegistry registry, IReadOnlyList<AcrReplica> replicas,
        string region, ImageReference image, OperationContext context)
    {
        foreach (var other in replicas.Where(r => r.Location != region).Select(r => r.Location))
            if (await plane.ExistsInRegionAsync(registry, other, image.RepositoryPath, image.Reference, context).ConfigureAwait(false))
                return new AcrGeoException(ErrorIds.ImageNotReplicated, AcrErrorCategory.ResourceUnavailable,
                    $"{image.RepositoryAndReference} is in {registry.LoginServer} ({other}) but has not reached the {region} replica " +
                    $"the container would pull from yet. Wait for it (Wait-AcrReplica -Registry {registry.Name} -Name {region}), then deploy.",
                    image.RepositoryAndReference);
        return new AcrGeoException(ErrorIds.ImageNotFound, AcrErrorCategory.ObjectNotFound,
            $"{registry.LoginServer} has no {image.RepositoryAndReference}. Get-AcrImage -Registry {registry.Name} lists what it " +
            "holds; Import-AcrImage brings an image in without Docker.", image.RepositoryAndReference);
    }

    /// <summary>Signs in as the principal to learn why the registry refused it: an expired password, or a wrong one.</summary>
    async Task<AcrGeoException> WhyRejectedAsync(AcrRegistry registry, string user, SecureString password, OperationContext context)
    {
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        try
        {
            await connection.CredentialFor(caller.TenantId, user, password)
                .GetTokenAsync(new TokenRequestContext(new[] { connection.Cloud.ResourceManagerAudience + "/.default" }), context.Cancellation)
                .ConfigureAwait(false);
        }
        // Entra ID's reason (its AADSTS code): in the sign-in's own message, or in an inner exception (Azure.Identity's
        // credentials wrap MSAL's).
        catch (AuthenticationFailedException e) when (Chain(e).Any(x => x.Message.Contains("AADSTS7000222")))
        {
            return new AcrGeoException(ErrorIds.RegistryCredentialExpired, AcrErrorCategory.AuthenticationError,
                $"The password of '{user}' has expired, so {registry.LoginServer} refuses it. Give it a new one with " +
                $"Reset-AcrPullPrincipalCredential -Registry {registry.Name} -VaultName <vault>, then deploy again.", user);
        }
        catch (AuthenticationFailedException)
        {
            // Not a principal of this tenant with that password: fall through to the plain refusal.
        }
        return new AcrGeoException(ErrorIds.RegistryCredentialRejected, AcrErrorCategory.AuthenticationError,
            $"{registry.LoginServer} refuses the user name and password given for '{user}': the user name is not a principal of this " +
            "tenant (nor the registry's enabled admin user) or the password is wrong. Read them again with Get-AcrPullCredential.", user);
    }

    static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    JsonObject Body(ContainerInstanceRequest request, string image, string location, string label, string? registryServer)
    {
        var environment = new JsonArray();
        foreach (var variable in request.Environment ?? new Dictionary<string, string>())
            environment.Add(new JsonObject { ["name"] = variable.Key, ["value"] = variable.Value });
        foreach (var variable in request.SecureEnvironment ?? new Dictionary<string, SecureString>())
            environment.Add(new JsonObject { ["name"] = variable.Key, ["secureValue"] = SecureText.Reveal(variable.Value) });
        var properties = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = request.Name,
                ["properties"] = new JsonObject
                {
                    ["image"] = image,
                    ["ports"] = new JsonArray(request.Ports.Select(p => (JsonNode)new JsonObject { ["port"] = p, ["protocol"] = "TCP" }).ToArray()),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = request.Cpu, ["memoryInGB"] = request.MemoryInGb } },
                    ["environmentVariables"] = environment,
                },
            }),
            ["osType"] = request.OsType,
            ["restartPolicy"] = request.RestartPolicy,
            ["ipAddress"] = new JsonObject
            {
                ["type"] = "Public",
                ["dnsNameLabel"] = label,
                ["ports"] = new JsonArray(request.Ports.Select(p => (JsonNode)new JsonObject { ["port"] = p, ["protocol"] = "TCP" }).ToArray()),
            },
        };
        var body = new JsonObject { ["location"] = location, ["properties"] = properties };
        if (registryServer is not null && request.PullIdentityId is { } identity)
        {
            // ARM's shape for a secretless pull: the identity assigned to the group, and the credential naming it.
            body["identity"] = new JsonObject
            {
                ["type"] = "UserAssigned", ["userAssignedIdentities"] = new JsonObject { [identity] = new JsonObject() },
            };
            properties["imageRegistryCredentials"] = new JsonArray(new JsonObject { ["server"] = registryServer, ["identity"] = identity });
        }
        else if (registryServer is not null)
            properties["imageRegistryCredentials"] = new JsonArray(new JsonObject
            {
                ["server"] = registryServer, ["username"] = request.RegistryUserName, ["password"] = SecureText.Reveal(request.RegistryPassword!),
            });
        return body;
    }

    async Task<AcrContainerInstance> WaitRunningAsync(ArmPath path, TimeSpan timeout, ProgressReporter progress, OperationContext context)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var group = FromJson(await connection.Rest.GetAsync(path, Version, context, path).ConfigureAwait(false), includeEvents: false);
            progress.Status($"Container group {group.State}");
            if (group.State is "Running" or "Succeeded") return group;
            if (group.State is "Failed" or "Stopped" || group.ProvisioningState == "Failed")
                throw new AcrGeoException(ErrorIds.ContainerInstanceFailed, AcrErrorCategory.InvalidOperation,
                    $"Container group '{group.Name}' is {group.State} (provisioning {group.ProvisioningState}). Get-AcrContainerInstance " +
                    "-IncludeEvent shows what happened; Get-AcrContainerInstanceLog what the container wrote.", group);
            if (DateTime.UtcNow >= deadline)
                throw new AcrGeoException(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
                    $"Container group '{group.Name}' is still {group.State} after {timeout.TotalMinutes:0} minutes.", group);
            await Task.Delay(connection.Settings.PollInterval, context.Cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>One group with its instance view: its real state and, when asked, its events and its containers' events.</summary>
    public async Task<AcrContainerInstance> GetAsync(string resourceGroup, string name, OperationContext context, bool includeEvents = false) =>
        FromJson(await GetJsonAsync(resourceGroup, name, context).ConfigureAwait(false), includeEvents);

    async Task<JsonObject> GetJsonAsync(string resourceGroup, string name, OperationContext context)
    {
        InputRules.ResourceGroupName(resourceGroup);
        InputRules.ContainerGroupName(name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, Path(resourceGroup, name), Version, null, context).ConfigureAwait(false);
        if (reply.Status == 404)
            throw new AcrGeoException(ErrorIds.ContainerInstanceNotFound, AcrErrorCategory.ObjectNotFound,
                reply.ErrorCode == "ResourceGroupNotFound"
                    ? $"Resource group '{resourceGroup}' does not exist, so it holds no container group '{name}'."
                    : $"No container group named '{name}' in resource group '{resourceGroup}'. Get-AcrContainerInstance lists them.", name);
        return reply.IsSuccess ? reply.Object : throw reply.ToException(name);
    }

    /// <summary>
    /// Groups in a resource group or the subscription whose names match, each with its real state. Azure's list answer
    /// has no instance view, so each matching group is read on its own (in parallel): one list and one GET per group.
    /// </summary>
    public async Task<IReadOnlyList<AcrContainerInstance>> ListAsync(string? resourceGroup, Func<string, bool> nameMatches,
        OperationContext context, bool includeEvents = false)
    {
        if (resourceGroup is not null) InputRules.ResourceGroupName(resourceGroup);
        var listed = (await ListJsonAsync(resourceGroup, context).ConfigureAwait(false))
            .Where(g => nameMatches((string?)g["name"] ?? ""))
            .OrderBy(g => (string?)g["name"], StringComparer.OrdinalIgnoreCase).ToList();
        var groups = await Fanout.RunAsync(listed, connection.Settings.MaxParallelOperations, async (item, _) =>
        {
            if (item["properties"]?["instanceView"] is not null) return item;
            var reply = await connection.Rest.SendAsync(RequestMethod.Get, ArmPath.FromResourceId((string?)item["id"] ?? ""), Version, null, context)
                .ConfigureAwait(false);
            // A group deleted between the list and its read is left out.
            return reply.Status == 404 ? null : reply.IsSuccess ? reply.Object : throw reply.ToException((string?)item["name"]);
        }, context.Cancellation).ConfigureAwait(false);
        return groups.Where(g => g is not null).Select(g => FromJson(g!, includeEvents)).ToList();
    }

    async Task<List<JsonObject>> ListJsonAsync(string? resourceGroup, OperationContext context)
    {
        var path = resourceGroup is null
            ? connection.SubscriptionPath.Provider("Microsoft.ContainerInstance", "containerGroups")
            : connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider("Microsoft.ContainerInstance", "containerGroups");
        return await connection.Rest.ListAsync(path, Version, context, resourceGroup).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a stopped group (its images are pulled again) and, unless <paramref name="noWait"/>, waits until it runs.
    /// A group that is running already is left as it is.
    /// </summary>
    public Task<AcrContainerInstance> StartAsync(string resourceGroup, string name, bool noWait, TimeSpan timeout, OperationContext context) =>
        ControlAsync(resourceGroup, name, "start", noWait, InputRules.Timeout(timeout, "-TimeoutSeconds"), context);

    /// <summary>Restarts every container of the group in place (their images are pulled again) and waits until it runs.</summary>
    public Task<AcrContainerInstance> RestartAsync(string resourceGroup, string name, bool noWait, TimeSpan timeout, OperationContext context) =>
        ControlAsync(resourceGroup, name, "restart", noWait, InputRules.Timeout(timeout, "-TimeoutSeconds"), context);

    /// <summary>Stops every container of the group; billing stops, the group and its definition stay.</summary>
    public Task<AcrContainerInstance> StopAsync(string resourceGroup, string name, OperationContext context) =>
        ControlAsync(resourceGroup, name, "stop", noWait: true, TimeSpan.Zero, context);

    async Task<AcrContainerInstance> ControlAsync(string resourceGroup, string name, string action, bool noWait, TimeSpan timeout,
        OperationContext context)
    {
        // A group that is not there is known from a read, before anything is sent (as for Remove-AcrContainerInstance).
        await GetJsonAsync(resourceGroup, name, context).ConfigureAwait(false);
        var path = Path(resourceGroup, name);
        var progress = new ProgressReporter(context, 510, $"{char.ToUpperInvariant(action[0])}{action.Substring(1)}ing {name}");
        try
        {
            return await ChangeJournal.RunAsync(context, $"Run the same command again to finish; the {action} is safe to send again.", async journal =>
            {
                var what = $"the {action} of container group '{name}' in resource group '{resourceGroup}'";
                journal.Sent(what);
                await LongRunning.RunAsync(connection.Rest, RequestMethod.Post, path.Child(action), Version, null, connection.Settings.PollInterval,
                    progress.Status, context, name, refusal: reply => reply.Status == 404
                        ? new AcrGeoException(ErrorIds.ContainerInstanceNotFound, AcrErrorCategory.ObjectNotFound,
                            $"No container group named '{name}' in resource group '{resourceGroup}'. Get-AcrContainerInstance lists them.", name)
                        : null).ConfigureAwait(false);
                journal.Done($"{(action == "stop" ? "stopped" : action + "ed")} container group '{name}'", what);
                return noWait
                    ? await GetAsync(resourceGroup, name, context).ConfigureAwait(false)
                    : await WaitRunningAsync(path, timeout, progress, context).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>
    /// Deletes the group. It must exist (a read tells, before the delete): a name with none gets ContainerInstanceNotFound,
    /// as Remove-Item does for a missing path.
    /// </summary>
    public async Task RemoveAsync(string resourceGroup, string name, OperationContext context)
    {
        var group = await GetAsync(resourceGroup, name, context).ConfigureAwait(false);
        await ChangeJournal.RunAsync(context, $"Run the same Remove-AcrContainerInstance command again to finish.", async journal =>
        {
            var what = $"the deletion of container group '{group.Name}' in resource group '{group.ResourceGroupName}'";
            journal.Sent(what);
            await LongRunning.RunAsync(connection.Rest, RequestMethod.Delete, group.Path, Version, null, connection.Settings.PollInterval, null,
                context, name).ConfigureAwait(false);
            journal.Done($"deleted container group '{group.Name}'", what);
        }).ConfigureAwait(false);
    }

    public async Task<string> GetLogsAsync(string resourceGroup, string name, string? container, OperationContext context)
    {
        if (container is not null) InputRules.ContainerName(container);
        var group = await GetAsync(resourceGroup, name, context).ConfigureAwait(false);
        var logs = await connection.Rest.GetAsync(group.Path.Child("containers", container ?? name).Child("logs"), Version, context, name).ConfigureAwait(false);
        return (string?)logs["content"] ?? "";
    }

    /// <summary>
    /// The resource ids of the groups whose registry credential for <paramref name="loginServer"/> is
    /// <paramref name="userName"/>: those a change of that principal's password concerns. One list request; the list's
    /// definitions carry the credentials' user names, never their passwords.
    /// </summary>
    internal async Task<IReadOnlyList<string>> FindUsingAsync(string loginServer, string userName, OperationContext context) =>
        UsersOf(await ListJsonAsync(null, context).ConfigureAwait(false), loginServer, userName);

    /// <summary>The ids of the listed groups that pull from the server as the user.</summary>
    internal static IReadOnlyList<string> UsersOf(IEnumerable<JsonObject> groups, string loginServer, string userName) =>
        PullingWith(groups, loginServer, "username", userName);

    /// <summary>The ids of the listed groups that pull with the managed identity: from the server, or from any (null).</summary>
    internal static IReadOnlyList<string> IdentityUsersOf(IEnumerable<JsonObject> groups, string? loginServer, string identityId) =>
        PullingWith(groups, loginServer, "identity", identityId);

    /// <summary>The groups with a registry credential for the server (any server: null) whose field holds the value.</summary>
    static IReadOnlyList<string> PullingWith(IEnumerable<JsonObject> groups, string? loginServer, string field, string value) =>
        groups.Where(g => (g["properties"]?["imageRegistryCredentials"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Any(c => (loginServer is null || string.Equals((string?)c["server"], loginServer, StringComparison.OrdinalIgnoreCase))
                          && string.Equals((string?)c[field], value, StringComparison.OrdinalIgnoreCase)))
            .Select(g => (string?)g["id"] ?? "")
            .OrderBy(id => id, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Every container group of the subscription, as listed (definitions without instance views).</summary>
    internal Task<List<JsonObject>> ListAllDefinitionsAsync(OperationContext context) => ListJsonAsync(null, context);

    /// <summary>
    /// The group's definition as it would be PUT again: what ARM returned, less what ARM computes (provisioning state,
    /// instance views, the assigned address and FQDN, the identities' own ids). The one place both a template export and a
    /// redeploy take a group apart.
    /// </summary>
    static JsonObject Definition(JsonObject group)
    {
        var properties = (JsonObject)(group["properties"]?.DeepClone() ?? new JsonObject());
        foreach (var key in new[] { "provisioningState", "instanceView" }) properties.Remove(key);
        if (properties["ipAddress"] is JsonObject ip) foreach (var key in new[] { "ip", "fqdn" }) ip.Remove(key);
        foreach (var container in (properties["containers"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            (container["properties"] as JsonObject)?.Remove("instanceView");
        var definition = new JsonObject { ["location"] = (string?)group["location"], ["properties"] = properties };
        if (group["tags"] is JsonObject tags) definition["tags"] = tags.DeepClone();
        if (group["identity"] is JsonObject identity && (string?)identity["type"] is { } type)
        {
            var assigned = new JsonObject { ["type"] = type };
            if (identity["userAssignedIdentities"] is JsonObject users)
                assigned["userAssignedIdentities"] = new JsonObject(users.Select(u => new KeyValuePair<string, JsonNode?>(u.Key, new JsonObject())));
            definition["identity"] = assigned;
        }
        return definition;
    }

    /// <summary>
    /// Why the group cannot be PUT again from what ARM shows of it, or null: Azure never returns secure environment values,
    /// other registries' passwords or secret volumes, so a redeploy would drop them.
    /// </summary>
    static string? WhyNotRedeployable(JsonObject group, string loginServer)
    {
        var properties = group["properties"];
        var secureVariables = (properties?["containers"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .SelectMany(c => c["properties"]?["environmentVariables"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .Where(v => v["value"] is null).Select(v => (string?)v["name"]).ToList();
        if (secureVariables.Count > 0)
            return $"it has secure environment variables ({string.Join(", ", secureVariables)}) whose values Azure does not return";
        var otherServers = (properties?["imageRegistryCredentials"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .Where(c => !string.Equals((string?)c["server"], loginServer, StringComparison.OrdinalIgnoreCase) && c["identity"] is null)
            .Select(c => (string?)c["server"]).ToList();
        if (otherServers.Count > 0)
            return $"it also pulls from {string.Join(", ", otherServers)} with passwords Azure does not return";
        if ((properties?["volumes"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Any(v => v["secret"] is not null || v["azureFile"] is not null))
            return "it has secret or Azure Files volumes whose contents and keys Azure does not return";
        return null;
    }

    /// <summary>
    /// PUTs the group again with the same definition and a new password for <paramref name="loginServer"/>, then waits
    /// until it runs: the container runtime pulls with the new password, so a group that comes back is proof that it works.
    /// Refused before any change when the group cannot be redeployed from what Azure shows of it.
    /// </summary>
    internal async Task<AcrContainerInstance> RedeployWithPasswordAsync(string groupId, string loginServer, string userName, SecureString password,
        TimeSpan timeout, OperationContext context)
    {
        var path = ArmPath.FromResourceId(groupId);
        var group = await connection.Rest.GetAsync(path, Version, context, groupId).ConfigureAwait(false);
        var name = (string?)group["name"] ?? groupId;
        if (WhyNotRedeployable(group, loginServer) is { } why)
            throw new AcrGeoException(ErrorIds.ContainerInstanceNotRedeployable, AcrErrorCategory.InvalidOperation,
                $"Container group '{name}' was not redeployed with the new password: {why}. Redeploy it yourself with " +
                "New-AcrContainerInstance and the new credentials (Get-AcrPullCredential).", groupId);
        var definition = Definition(group);
        foreach (var credential in (definition["properties"]?["imageRegistryCredentials"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            if (string.Equals((string?)credential["server"], loginServer, StringComparison.OrdinalIgnoreCase)
                && string.Equals((string?)credential["username"], userName, StringComparison.OrdinalIgnoreCase))
                credential["password"] = SecureText.Reveal(password);

        var progress = new ProgressReporter(context, 520 + (int)((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(groupId) % 1000),
            $"Redeploying {name} with the new password");
        try
        {
            await LongRunning.RunAsync(connection.Rest, RequestMethod.Put, path, Version, definition, connection.Settings.PollInterval,
                progress.Status, context, name).ConfigureAwait(false);
            return await WaitRunningAsync(path, timeout, progress, context).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>
    /// An ARM template for the group and a parameters file whose registry user name and password are Key Vault
    /// references to the pull secrets: the template path of the source document, with no password in either file.
    /// </summary>
    public async Task<(string Template, string Parameters)> ExportTemplateAsync(string resourceGroup, string name, AcrVault vault,
        OperationContext context)
    {
        var json = await GetJsonAsync(resourceGroup, name, context).ConfigureAwait(false);
        var definition = Definition(json);
        var properties = (JsonObject)definition["properties"]!;
        definition.Remove("properties");
        var credentials = properties["imageRegistryCredentials"] as JsonArray;
        var server = (string?)credentials?.FirstOrDefault()?["server"];
        // A group that pulls with a managed identity needs no secret: its credential stays as it is.
        if (server is not null && credentials!.FirstOrDefault()?["identity"] is null)
            properties["imageRegistryCredentials"] = new JsonArray(new JsonObject
            {
                ["server"] = server, ["username"] = "[parameters('registryUserName')]", ["password"] = "[parameters('registryPassword')]",
            });
        var template = new JsonObject
        {
            ["$schema"] = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            ["contentVersion"] = "1.0.0.0",
            ["parameters"] = new JsonObject
            {
                ["containerGroupName"] = new JsonObject { ["type"] = "string", ["defaultValue"] = name },
                ["location"] = new JsonObject { ["type"] = "string", ["defaultValue"] = (string?)json["location"] },
                ["registryUserName"] = new JsonObject { ["type"] = "string" },
                ["registryPassword"] = new JsonObject { ["type"] = "securestring" },
            },
            ["resources"] = new JsonArray(new JsonObject
            {
                ["type"] = "Microsoft.ContainerInstance/containerGroups",
                ["apiVersion"] = Version,
                ["name"] = "[parameters('containerGroupName')]",
                ["location"] = "[parameters('location')]",
                ["properties"] = properties,
            }),
            ["outputs"] = new JsonObject
            {
                ["fqdn"] = new JsonObject
                {
                    ["type"] = "string",
                    ["value"] = "[reference(resourceId('Microsoft.ContainerInstance/containerGroups', parameters('containerGroupName'))).ipAddress.fqdn]",
                },
            },
        };
        if (definition["identity"] is JsonObject identity)
        {
            definition.Remove("identity");
            ((JsonObject)((JsonArray)template["resources"]!)[0]!)["identity"] = identity;
        }
        var registryName = server?.Split('.')[0] ?? "";
        JsonObject Reference(string secret) => new()
        {
            ["reference"] = new JsonObject { ["keyVault"] = new JsonObject { ["id"] = vault.Id }, ["secretName"] = secret },
        };
        var parameters = new JsonObject
        {
            ["$schema"] = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            ["contentVersion"] = "1.0.0.0",
            ["parameters"] = new JsonObject
            {
                ["registryUserName"] = Reference($"{registryName}-pull-usr"),
                ["registryPassword"] = Reference($"{registryName}-pull-pwd"),
            },
        };
        var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        return (template.ToJsonString(options), parameters.ToJsonString(options));
    }

    static AcrContainerInstance FromJson(JsonObject json, bool includeEvents)
    {
        var id = (string?)json["id"] ?? "";
        var name = (string?)json["name"] ?? "";
        var properties = json["properties"];
        var containers = (properties?["containers"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().ToList();
        var credential = (properties?["imageRegistryCredentials"] as JsonArray)?.FirstOrDefault();
        return new AcrContainerInstance
        {
            Id = id,
            Name = name,
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            Location = (string?)json["location"] ?? "",
            State = (string?)properties?["instanceView"]?["state"] ?? "Pending",
            ProvisioningState = (string?)properties?["provisioningState"] ?? "",
            IPAddress = (string?)properties?["ipAddress"]?["ip"],
            Fqdn = (string?)properties?["ipAddress"]?["fqdn"],
            DnsNameLabel = (string?)properties?["ipAddress"]?["dnsNameLabel"],
            Image = (string?)containers.FirstOrDefault()?["properties"]?["image"] ?? "",
            RegistryLoginServer = (string?)credential?["server"],
            RegistryUserName = (string?)credential?["username"],
            PullIdentityId = (string?)credential?["identity"],
            OsType = (string?)properties?["osType"] ?? "",
            RestartPolicy = (string?)properties?["restartPolicy"] ?? "",
            Ports = (properties?["ipAddress"]?["ports"] as JsonArray ?? new JsonArray()).Select(p => (int?)p?["port"] ?? 0).ToArray(),
            Events = includeEvents
                ? Events(name, "", properties?["instanceView"]?["events"])
                    .Concat(containers.SelectMany(c => Events(name, (string?)c["name"] ?? "", c["properties"]?["instanceView"]?["events"])))
                    .OrderBy(e => e.LastTimestamp ?? e.FirstTimestamp ?? DateTimeOffset.MinValue)
                    .ToList()
                : Array.Empty<AcrContainerInstanceEvent>(),
        };
    }

    static IEnumerable<AcrContainerInstanceEvent> Events(string group, string container, JsonNode? events) =>
        (events as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(e => new AcrContainerInstanceEvent
        {
            ContainerGroupName = group,
            Container = container,
            Name = (string?)e["name"] ?? "",
            Message = (string?)e["message"] ?? "",
            Type = (string?)e["type"] ?? "",
            Count = (int?)e["count"] ?? 1,
            FirstTimestamp = Time(e["firstTimestamp"]),
            LastTimestamp = Time(e["lastTimestamp"]),
        });

    static DateTimeOffset? Time(JsonNode? node) =>
        DateTimeOffset.TryParse((string?)node, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var time) ? time : null;
}
