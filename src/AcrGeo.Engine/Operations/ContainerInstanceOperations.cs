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
    /// Deploys a container group from the registry. Before anything is created it checks every value, reads the group's
    /// resource group and any group of that name already there, and does what the container runtime will do, telling
    /// apart the causes that Azure reports alike as InaccessibleImage: credentials that do not sign in (or have expired),
    /// a principal without a pull role, an image or tag that is not there, or not yet in the replica the group will pull
    /// from. A group that exists keeps its DNS name label (and so its FQDN) unless another is given. Then it waits until
    /// the container runs, with progress.
    /// </summary>
    public async Task<AcrContainerInstance> CreateAsync(AcrRegistry registry, ContainerInstanceRequest request, OperationContext context)
    {
        var image = Check(request);
        var fullImage = image.WithRegistry(image.Registry ?? registry.LoginServer);
        var fromRegistry = (image.Registry ?? registry.LoginServer).Equals(registry.LoginServer, StringComparison.OrdinalIgnoreCase);
        if (fromRegistry && request.VaultName is null && (request.RegistryUserName is null || request.RegistryPassword is null))
            throw new AcrGeoException(ErrorIds.RegistryCredentialRequired, AcrErrorCategory.InvalidArgument,
                $"Pulling from {registry.LoginServer} needs credentials: give -Credential, or -VaultName (the vault with the " +
                $"{registry.Name}-pull-usr/-pwd secrets), or pipe the object New-AcrPullPrincipal returns.", request.Image);

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
        if (fromRegistry)
            await DiagnosePullAsync(registry, replicas, pullRegion, image, request.RegistryUserName!, request.RegistryPassword!, context)
                .ConfigureAwait(false);

        var path = Path(request.ResourceGroupName, request.Name);
        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, Version, null, context).ConfigureAwait(false);
        if (!existing.IsSuccess && existing.Status != 404) throw existing.ToException(request.Name);
        var label = request.DnsNameLabel
                    ?? (existing.IsSuccess ? (string?)existing.Body?["properties"]?["ipAddress"]?["dnsNameLabel"] : null)
                    ?? NewDnsNameLabel(request.Name);
        var progress = new ProgressReporter(context, 500, $"Deploying {request.Name} ({fullImage}) in {location}");
        try
        {
            return await ChangeJournal.RunAsync(context,
                $"Run the same New-AcrContainerInstance command again to finish (it keeps the group's DNS name label), or remove the group " +
                $"with Remove-AcrContainerInstance -ResourceGroupName {request.ResourceGroupName} -Name {request.Name}.", async journal =>
                {
                    var what = $"container group '{request.Name}' in resource group '{request.ResourceGroupName}'";
                    var body = Body(request, fullImage, location, label, fromRegistry ? registry.LoginServer : null);
                    journal.Sent(what);
                    if (request.NoWait)
                    {
                        var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, Version, body, context).ConfigureAwait(false);
                        if (!reply.IsSuccess) throw reply.ToException(request.Name);
                        journal.Done($"deployed {what}", what);
                        return FromJson(reply.Object);
                    }
                    await LongRunning.RunAsync(connection.Rest, RequestMethod.Put, path, Version, body, connection.Settings.PollInterval,
                        progress.Status, context, request.Name).ConfigureAwait(false);
                    journal.Done($"deployed {what}", what);
                    return await WaitRunningAsync(path, request.Timeout, progress, context).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
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
    static ImageReference Check(ContainerInstanceRequest request)
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
                string? elsewhere = null;
                foreach (var other in replicas.Where(r => r.Location != region).Select(r => r.Location))
                    if (await plane.ExistsInRegionAsync(registry, other, image.RepositoryPath, image.Reference, context).ConfigureAwait(false))
                    {
                        elsewhere = other;
                        break;
                    }
                throw elsewhere is not null
                    ? new AcrGeoException(ErrorIds.ImageNotReplicated, AcrErrorCategory.ResourceUnavailable,
                        $"{image.RepositoryAndReference} is in {registry.LoginServer} ({elsewhere}) but has not reached the {region} replica " +
                        $"the container would pull from yet. Wait for it (Wait-AcrReplica -Registry {registry.Name} -Name {region}), then deploy.",
                        image.RepositoryAndReference)
                    : new AcrGeoException(ErrorIds.ImageNotFound, AcrErrorCategory.ObjectNotFound,
                        $"{registry.LoginServer} has no {image.RepositoryAndReference}. Get-AcrImage -Registry {registry.Name} lists what it " +
                        "holds; Import-AcrImage brings an image in without Docker.", image.RepositoryAndReference);
        }
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
        // Entra ID's reason is in MSAL's inner exception, not in Azure.Identity's own message.
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
        if (registryServer is not null)
            properties["imageRegistryCredentials"] = new JsonArray(new JsonObject
            {
                ["server"] = registryServer, ["username"] = request.RegistryUserName, ["password"] = SecureText.Reveal(request.RegistryPassword!),
            });
        return new JsonObject { ["location"] = location, ["properties"] = properties };
    }

    async Task<AcrContainerInstance> WaitRunningAsync(ArmPath path, TimeSpan timeout, ProgressReporter progress, OperationContext context)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var group = FromJson(await connection.Rest.GetAsync(path, Version, context, path).ConfigureAwait(false));
            progress.Status($"Container group {group.State}");
            if (group.State is "Running" or "Succeeded") return group;
            if (group.State is "Failed" or "Stopped" || group.ProvisioningState == "Failed")
                throw new AcrGeoException(ErrorIds.ContainerInstanceFailed, AcrErrorCategory.InvalidOperation,
                    $"Container group '{group.Name}' is {group.State} (provisioning {group.ProvisioningState}). Get-AcrContainerInstanceLog shows " +
                    "what the container wrote.", group);
            if (DateTime.UtcNow >= deadline)
                throw new AcrGeoException(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
                    $"Container group '{group.Name}' is still {group.State} after {timeout.TotalMinutes:0} minutes.", group);
            await Task.Delay(connection.Settings.PollInterval, context.Cancellation).ConfigureAwait(false);
        }
    }

    public async Task<AcrContainerInstance> GetAsync(string resourceGroup, string name, OperationContext context) =>
        FromJson(await GetJsonAsync(resourceGroup, name, context).ConfigureAwait(false));

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

    public async Task<IReadOnlyList<AcrContainerInstance>> ListAsync(string? resourceGroup, OperationContext context)
    {
        if (resourceGroup is not null) InputRules.ResourceGroupName(resourceGroup);
        var path = resourceGroup is null
            ? connection.SubscriptionPath.Provider("Microsoft.ContainerInstance", "containerGroups")
            : connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider("Microsoft.ContainerInstance", "containerGroups");
        var listed = await connection.Rest.ListAsync(path, Version, context, resourceGroup).ConfigureAwait(false);
        // ACI's lists carry no instance view, so no state: each group's own answer has it. One gone meanwhile is left out.
        var groups = await Fanout.RunAsync(listed, connection.Settings.MaxParallelOperations, async (item, _) =>
        {
            if (item["properties"]?["instanceView"] is not null) return item;
            var reply = await connection.Rest.SendAsync(RequestMethod.Get, ArmPath.FromResourceId((string?)item["id"] ?? ""), Version, null, context)
                .ConfigureAwait(false);
            return reply.Status == 404 ? null : reply.IsSuccess ? reply.Object : throw reply.ToException((string?)item["name"]);
        }, context.Cancellation).ConfigureAwait(false);
        return groups.Where(g => g is not null).Select(g => FromJson(g!)).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
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
    /// An ARM template for the group and a parameters file whose registry user name and password are Key Vault
    /// references to the pull secrets: the template path of the source document, with no password in either file.
    /// </summary>
    public async Task<(string Template, string Parameters)> ExportTemplateAsync(string resourceGroup, string name, AcrVault vault,
        OperationContext context)
    {
        var json = await GetJsonAsync(resourceGroup, name, context).ConfigureAwait(false);
        var properties = (JsonObject)json["properties"]!.DeepClone();
        foreach (var key in new[] { "provisioningState", "instanceView" }) properties.Remove(key);
        if (properties["ipAddress"] is JsonObject ip) foreach (var key in new[] { "ip", "fqdn" }) ip.Remove(key);
        var credentials = properties["imageRegistryCredentials"] as JsonArray;
        var server = (string?)credentials?.FirstOrDefault()?["server"];
        foreach (var container in (properties["containers"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            (container["properties"] as JsonObject)?.Remove("instanceView");
        if (server is not null)
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

    static AcrContainerInstance FromJson(JsonObject json)
    {
        var id = (string?)json["id"] ?? "";
        var properties = json["properties"];
        var container = (properties?["containers"] as JsonArray)?.FirstOrDefault();
        return new AcrContainerInstance
        {
            Id = id,
            Name = (string?)json["name"] ?? "",
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            Location = (string?)json["location"] ?? "",
            State = (string?)properties?["instanceView"]?["state"] ?? "Pending",
            ProvisioningState = (string?)properties?["provisioningState"] ?? "",
            IPAddress = (string?)properties?["ipAddress"]?["ip"],
            Fqdn = (string?)properties?["ipAddress"]?["fqdn"],
            DnsNameLabel = (string?)properties?["ipAddress"]?["dnsNameLabel"],
            Image = (string?)container?["properties"]?["image"] ?? "",
            RegistryLoginServer = (string?)(properties?["imageRegistryCredentials"] as JsonArray)?.FirstOrDefault()?["server"],
            OsType = (string?)properties?["osType"] ?? "",
            RestartPolicy = (string?)properties?["restartPolicy"] ?? "",
            Ports = (properties?["ipAddress"]?["ports"] as JsonArray ?? new JsonArray()).Select(p => (int?)p?["port"] ?? 0).ToArray(),
        };
    }

}
