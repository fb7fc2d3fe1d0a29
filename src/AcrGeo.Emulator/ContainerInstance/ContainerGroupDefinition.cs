using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;

namespace AcrGeo.Emulator.ContainerInstance;

/// <summary>One container of a group, as the PUT defined it.</summary>
sealed record ContainerDefinition(string Name, string Image, double Cpu, double MemoryInGB);

/// <summary>An <c>imageRegistryCredentials</c> entry: a user name and password, or a managed identity.</summary>
sealed record RegistryCredential(string Server, string? Username, string? Password, string? Identity);

/// <summary>
/// A container group's PUT body, checked with ACI's rules. <see cref="Properties"/> is what the service keeps and echoes;
/// <see cref="Secrets"/> is what it keeps and never returns (registry passwords, secure environment values).
/// </summary>
sealed partial class ContainerGroupDefinition
{
    public const int MaxContainers = 60;

    /// <summary>What one Linux or Windows container group may request in a region (ACI's standard per-group limits).</summary>
    public const double MaxCpu = 4;
    public const double MaxMemoryInGB = 16;

    static readonly string[] OsTypes = ["Windows", "Linux"];
    static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    static readonly string[] IpTypes = ["Public", "Private"];
    static readonly string[] Protocols = ["TCP", "UDP"];
    static readonly string[] IdentityTypes = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"];

    public required string Name { get; init; }
    public required string? Location { get; init; }
    public required Dictionary<string, string>? Tags { get; init; }
    public required string OsType { get; init; }
    public required string RestartPolicy { get; init; }
    public required IReadOnlyList<ContainerDefinition> Containers { get; init; }
    public required IReadOnlyList<RegistryCredential> Credentials { get; init; }
    public required string? IpType { get; init; }
    public required string? DnsNameLabel { get; init; }
    public required JsonObject? Identity { get; init; }
    public required JsonObject Properties { get; init; }
    public required JsonObject Secrets { get; init; }

    public double TotalCpu => Containers.Sum(c => c.Cpu);
    public double TotalMemoryInGB => Containers.Sum(c => c.MemoryInGB);

    /// <summary>Container group names: 1-63 lowercase letters, digits and single hyphens, not at either end.</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?!-))*(?<!-)$")]
    public static partial Regex GroupName();

    /// <summary>Container names: 1-63 lowercase letters, digits and hyphens, not at either end.</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex ContainerName();

    /// <summary>DNS name labels: 5-63 lowercase letters, digits and hyphens; a letter first, a letter or digit last.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{3,61}[a-z0-9]$")]
    private static partial Regex DnsLabel();

    public static void ValidateName(string name)
    {
        if (name.Length is < 1 or > 63 || !GroupName().IsMatch(name))
            throw ArmException.BadRequest("InvalidContainerGroupName",
                $"The container group name '{name}' is invalid. A container group name must be 1 to 63 characters: lowercase letters, " +
                "numbers and single hyphens, starting and ending with a letter or number.", "containerGroupName");
    }

    public static ContainerGroupDefinition Read(JsonObject body, string name)
    {
        var properties = ArmHttp.ReadObject(body, "properties")
                         ?? throw ArmException.BadRequest("InvalidRequestContent",
                             $"The request content was invalid and could not be deserialized: 'properties' of container group '{name}' is required.");
        var echo = new JsonObject { ["sku"] = "Standard" };
        var secrets = new JsonObject();

        var osType = OneOf(properties, "osType", OsTypes)
                     ?? throw ArmException.BadRequest("InvalidOsType",
                         $"The 'osType' for container group '{name}' is invalid. The value must be one of '{string.Join(",", OsTypes)}'.");
        var restartPolicy = properties.ContainsKey("restartPolicy")
            ? OneOf(properties, "restartPolicy", RestartPolicies) ?? throw ArmException.BadRequest("InvalidRestartPolicy",
                $"The 'restartPolicy' for container group '{name}' is invalid. The value must be one of '{string.Join(",", RestartPolicies)}'.")
            : "Always";

        var containers = ReadContainers(properties, name, echo, secrets);
        var credentials = ReadCredentials(properties, name, echo, secrets);
        var (ipType, label) = ReadIpAddress(properties, name, containers, echo);
        echo["restartPolicy"] = restartPolicy;
        echo["osType"] = osType;
        var identity = ReadIdentity(body);
        RequireAssignedIdentities(credentials, identity, name);
        if (ReadVolumes(properties, name) is { } volumes) echo["volumes"] = volumes;

        return new ContainerGroupDefinition
        {
            Name = name,
            Location = ArmHttp.ReadString(body, "location"),
            Tags = ArmHttp.ReadTags(body),
            OsType = osType,
            RestartPolicy = restartPolicy,
            Containers = containers,
            Credentials = credentials,
            IpType = ipType,
            DnsNameLabel = label,
            Identity = identity,
            Properties = echo,
            Secrets = secrets,
        };
    }

    /// <summary>
    /// Volumes as ACI echoes them: each by name and kind, a secret volume's files by name only (the emulator mounts
    /// nothing; it keeps no file contents either).
    /// </summary>
    static JsonArray? ReadVolumes(JsonObject properties, string group)
    {
        if (properties["volumes"] is null) return null;
        if (properties["volumes"] is not JsonArray volumes || volumes.Any(v => v is not JsonObject o || ArmHttp.ReadString(o, "name") is null))
            throw ArmException.InvalidRequestContent($"'volumes' of container group '{group}' must be an array of named volumes.");
        return new JsonArray(volumes.OfType<JsonObject>().Select(volume =>
        {
            var echo = (JsonObject)volume.DeepClone();
            if (echo["secret"] is JsonObject) echo["secret"] = new JsonObject();
            return (JsonNode)echo;
        }).ToArray());
    }

    static List<ContainerDefinition> ReadContainers(JsonObject properties, string group, JsonObject echo, JsonObject secrets)
    {
        var list = properties["containers"] as JsonArray;
        if (list is null || list.Count == 0)
            throw ArmException.BadRequest("NoContainersInContainerGroup",
                $"The container group '{group}' has no containers. A container group needs at least one container.");
        if (list.Count > MaxContainers)
            throw ArmException.BadRequest("TooManyContainersInContainerGroup",
                $"The container group '{group}' has {list.Count} containers; a container group holds at most {MaxContainers}.");

        var result = new List<ContainerDefinition>();
        var echoed = new JsonArray();
        var secureValues = new JsonObject();
        foreach (var node in list)
        {
            var container = node as JsonObject ?? throw ArmException.InvalidRequestContent("Each of 'containers' must be an object.");
            var name = ArmHttp.ReadString(container, "name") ?? "";
            if (name.Length is < 1 or > 63 || !ContainerName().IsMatch(name))
                throw ArmException.BadRequest("InvalidContainerName",
                    $"The container name '{name}' in container group '{group}' is invalid. A container name must be 1 to 63 characters: " +
                    "lowercase letters, numbers and hyphens, starting and ending with a letter or number.");
            if (result.Any(c => c.Name == name))
                throw ArmException.BadRequest("DuplicateContainerName",
                    $"The container name '{name}' is used more than once in container group '{group}'.");

            var props = ArmHttp.ReadObject(container, "properties") ?? new JsonObject();
            var image = ArmHttp.ReadString(props, "image");
            if (string.IsNullOrWhiteSpace(image))
                throw ArmException.BadRequest("ContainerImageNotSpecified",
                    $"The image of container '{name}' in container group '{group}' is not specified.");
            var (cpu, memory, resources) = ReadResources(props, name, group);

            var (environment, secure) = ReadEnvironment(props, name, group);
            if (secure.Count > 0) secureValues[name] = secure;
            var containerEcho = new JsonObject
            {
                ["image"] = image,
                ["command"] = ReadCommand(props, name),
                ["ports"] = ReadPorts(props, $"container '{name}'", group),
                ["environmentVariables"] = environment,
                ["resources"] = resources,
            };
            if (props["volumeMounts"] is JsonArray mounts) containerEcho["volumeMounts"] = mounts.DeepClone();
            echoed.Add(new JsonObject { ["name"] = name, ["properties"] = containerEcho });
            result.Add(new ContainerDefinition(name, image, cpu, memory));
        }
        echo["containers"] = echoed;
        if (secureValues.Count > 0) secrets["secureEnvironmentVariables"] = secureValues;
        return result;
    }

    /// <summary>Both requests are required; memory comes in steps of 0.1 GB.</summary>
    static (double Cpu, double Memory, JsonObject Echo) ReadResources(JsonObject props, string container, string group)
    {
        var requests = ArmHttp.ReadObject(ArmHttp.ReadObject(props, "resources") ?? new JsonObject(), "requests");
        if (requests is null || (!requests.ContainsKey("cpu") && !requests.ContainsKey("memoryInGB")))
            throw ArmException.BadRequest("ResourceRequestsNotSpecified",
                $"The resource requests are not specified in container '{container}' of contain group '{group}'. Both memory and CPU " +
                "requests are required since API version '2017-07-01-preview'.");
        foreach (var (field, shown) in new[] { ("memoryInGB", "MemoryInGB"), ("cpu", "Cpu") })
            if (requests[field] is null)
                throw ArmException.BadRequest("ResourceSomeRequestsNotSpecified",
                    $"The '{shown}' request is not specified in 'Microsoft.Azure.CloudConsole.Providers.Common.Entities.ComputeResources' " +
                    $"in container '{container}' of contain group '{group}'. It is required since API version '2017-07-01-preview'.");

        var cpu = ReadNumber(requests, "cpu");
        var memory = ReadNumber(requests, "memoryInGB");
        if (cpu <= 0)
            throw ArmException.BadRequest("InvalidCpuRequirement",
                $"The CPU requirement is '{Show(cpu)}' in container '{container}' of container group '{group}'. The CPU requirement should be greater than 0.");
        if (memory <= 0 || Math.Abs(memory * 10 - Math.Round(memory * 10)) > 1e-9)
            throw ArmException.BadRequest("InvalidMemoryRequirement",
                $"The memory requirement is '{Show(memory)}' in container '{container}' of container group '{group}'. The memory requirement should be times of 0.1 GB.");
        return (cpu, memory, new JsonObject
        {
            ["requests"] = new JsonObject { ["memoryInGB"] = requests["memoryInGB"]!.DeepClone(), ["cpu"] = requests["cpu"]!.DeepClone() },
        });
    }

    static (JsonArray Echo, JsonObject Secure) ReadEnvironment(JsonObject props, string container, string group)
    {
        var echo = new JsonArray();
        var secure = new JsonObject();
        if (props["environmentVariables"] is not JsonArray variables) return (echo, secure);
        foreach (var node in variables)
        {
            var variable = node as JsonObject ?? throw ArmException.InvalidRequestContent("Each of 'environmentVariables' must be an object.");
            var name = ArmHttp.ReadString(variable, "name");
            if (string.IsNullOrEmpty(name))
                throw ArmException.BadRequest("InvalidEnvironmentVariable",
                    $"An environment variable of container '{container}' in container group '{group}' has no name.");
            var value = ArmHttp.ReadString(variable, "value");
            var secureValue = ArmHttp.ReadString(variable, "secureValue");
            if (value is not null && secureValue is not null)
                throw ArmException.BadRequest("InvalidEnvironmentVariable",
                    $"The environment variable '{name}' of container '{container}' in container group '{group}' has both 'value' and " +
                    "'secureValue'; give one of them.");
            // A secure value is kept, never shown: the variable comes back with its name alone.
            if (secureValue is not null)
            {
                secure[name] = secureValue;
                echo.Add(new JsonObject { ["name"] = name });
            }
            else
                echo.Add(new JsonObject { ["name"] = name, ["value"] = value ?? "" });
        }
        return (echo, secure);
    }

    static JsonArray ReadCommand(JsonObject props, string container)
    {
        if (props["command"] is null) return [];
        if (props["command"] is not JsonArray command || command.Any(c => c?.GetValueKind() != JsonValueKind.String))
            throw ArmException.InvalidRequestContent($"'command' of container '{container}' must be an array of strings.");
        return (JsonArray)command.DeepClone();
    }

    static JsonArray ReadPorts(JsonObject owner, string what, string group)
    {
        var echo = new JsonArray();
        if (owner["ports"] is null) return echo;
        if (owner["ports"] is not JsonArray ports) throw ArmException.InvalidRequestContent($"'ports' of {what} must be an array.");
        foreach (var node in ports)
        {
            var port = node as JsonObject ?? throw ArmException.InvalidRequestContent($"Each of 'ports' of {what} must be an object.");
            var number = port["port"] is { } p && p.GetValueKind() == JsonValueKind.Number && p.GetValue<double>() is var n && n == Math.Floor(n)
                ? (int)n
                : throw ArmException.InvalidRequestContent($"'port' of {what} must be an integer.");
            if (number is < 1 or > 65535)
                throw ArmException.BadRequest("InvalidContainerPort",
                    $"The port '{number}' of {what} in container group '{group}' is invalid. A port must be between 1 and 65535.");
            var entry = new JsonObject { ["port"] = number };
            if (port.ContainsKey("protocol"))
                entry["protocol"] = OneOf(port, "protocol", Protocols) ?? throw ArmException.BadRequest("InvalidPortProtocol",
                    $"The protocol of port '{number}' of {what} in container group '{group}' is invalid. The value must be one of 'TCP,UDP'.");
            echo.Add(entry);
        }
        return echo;
    }

    static List<RegistryCredential> ReadCredentials(JsonObject properties, string group, JsonObject echo, JsonObject secrets)
    {
        var result = new List<RegistryCredential>();
        var echoed = new JsonArray();
        var passwords = new JsonObject();
        if (properties["imageRegistryCredentials"] is JsonArray credentials)
            foreach (var node in credentials)
            {
                var credential = node as JsonObject
                                 ?? throw ArmException.InvalidRequestContent("Each of 'imageRegistryCredentials' must be an object.");
                var server = ArmHttp.ReadString(credential, "server") ?? "";
                if (server.Length == 0 || server.Contains("://", StringComparison.Ordinal) || server.Contains('/') || server.Any(char.IsWhiteSpace))
                    throw ArmException.BadRequest("InvalidImageRegistryServer",
                        $"The server '{server}' in the 'imageRegistryCredentials' of container group '{group}' is invalid. It should be a " +
                        "valid host name without protocol.");
                var username = ArmHttp.ReadString(credential, "username");
                var password = ArmHttp.ReadString(credential, "password");
                var identity = ArmHttp.ReadString(credential, "identity");
                if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(identity))
                    throw ArmException.BadRequest("InvalidImageRegistryPassword",
                        $"The password of image registry server '{server}' in container group '{group}' is not specified. Give a password, " +
                        "or an identity that may pull from the registry.");
                // The password is kept (the service pulls with it again on start and restart) and never returned.
                var shown = new JsonObject { ["server"] = server };
                if (username is not null) shown["username"] = username;
                if (identity is not null) shown["identity"] = identity;
                echoed.Add(shown);
                if (password is not null) passwords[server.ToLowerInvariant()] = password;
                result.Add(new RegistryCredential(server, username, password, identity));
            }
        // Echoed only when there are some, as ACI does.
        if (echoed.Count > 0) echo["imageRegistryCredentials"] = echoed;
        if (passwords.Count > 0) secrets["registryPasswords"] = passwords;
        return result;
    }

    static (string? Type, string? Label) ReadIpAddress(JsonObject properties, string group, List<ContainerDefinition> containers,
        JsonObject echo)
    {
        var ip = ArmHttp.ReadObject(properties, "ipAddress");
        if (ip is null) return (null, null);
        var type = OneOf(ip, "type", IpTypes) ?? throw ArmException.BadRequest("InvalidIpAddressType",
            $"The IP address type of container group '{group}' is invalid. The value must be one of 'Public,Private'.");
        var ports = ReadPorts(ip, "the IP address", group);
        if (ports.Count == 0)
            throw ArmException.BadRequest("InvalidIpAddressPorts",
                $"The ports in the 'ipAddress' of container group '{group}' cannot be empty.");
        var exposed = ((JsonArray)echo["containers"]!).SelectMany(c => (JsonArray)c!["properties"]!["ports"]!)
            .Select(p => (int)p!["port"]!).ToHashSet();
        foreach (var port in ports.Select(p => (int)p!["port"]!))
            if (!exposed.Contains(port))
                throw ArmException.BadRequest("InvalidIpAddressPorts",
                    $"The port '{port}' in the 'ipAddress' of container group '{group}' is not exposed by any of its containers.");

        var label = ArmHttp.ReadString(ip, "dnsNameLabel");
        if (label is not null)
        {
            if (type == "Private")
                throw ArmException.BadRequest("InvalidDnsNameLabel",
                    $"The DNS name label '{label}' in container group '{group}' is invalid. A DNS name label needs a public IP address.");
            if (!DnsLabel().IsMatch(label))
                throw ArmException.BadRequest("InvalidDnsNameLabel",
                    $"The DNS name label '{label}' in container group '{group}' is invalid. It can contain only lowercase letters, numbers " +
                    "and hyphens. The first character must be a letter. The last character must be a letter or number. The value must be " +
                    "between 5 and 63 characters long.");
        }
        var shown = new JsonObject { ["ports"] = ports, ["type"] = type };
        if (label is not null) shown["dnsNameLabel"] = label;
        echo["ipAddress"] = shown;
        return (type, label);
    }

    static JsonObject? ReadIdentity(JsonObject body)
    {
        var identity = ArmHttp.ReadObject(body, "identity");
        if (identity is null) return null;
        var type = ArmHttp.ReadString(identity, "type");
        var canonical = IdentityTypes.FirstOrDefault(t => string.Equals(
            t.Replace(" ", ""), type?.Replace(" ", ""), StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
            throw ArmException.BadRequest("InvalidIdentityType",
                $"The identity type '{type}' is invalid. The value must be one of '{string.Join("', '", IdentityTypes)}'.", "identity.type");
        var result = new JsonObject { ["type"] = canonical };
        if (identity["userAssignedIdentities"] is JsonObject assigned)
            result["userAssignedIdentities"] = new JsonObject(assigned.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonObject())));
        return result;
    }

    /// <summary>A registry credential that is an identity names one of the group's user-assigned identities, as ACI demands.</summary>
    static void RequireAssignedIdentities(IReadOnlyList<RegistryCredential> credentials, JsonObject? identity, string group)
    {
        var assigned = (identity?["userAssignedIdentities"] as JsonObject)?.Select(a => a.Key).ToList() ?? [];
        foreach (var credential in credentials.Where(c => c.Identity is not null))
            if (!assigned.Contains(credential.Identity!, StringComparer.OrdinalIgnoreCase))
                throw ArmException.BadRequest("InvalidImageRegistryIdentity",
                    $"The identity in the 'imageRegistryCredentials' of container group '{group}' not found in container group identity list.");
    }

    /// <summary>An enum-like string, in the service's canonical casing; null when absent or not one of them.</summary>
    static string? OneOf(JsonObject owner, string name, string[] allowed)
    {
        var value = owner[name]?.GetValueKind() == JsonValueKind.String ? owner[name]!.GetValue<string>() : null;
        return allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase));
    }

    static double ReadNumber(JsonObject owner, string name)
    {
        var node = owner[name];
        if (node?.GetValueKind() == JsonValueKind.Number) return node.GetValue<double>();
        return node?.GetValueKind() == JsonValueKind.String
               && double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ArmException.InvalidRequestContent($"'{name}' must be a number.");
    }

    public static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The region cannot give one group more than ACI's per-group CPU and memory: ACI's capacity refusal (409).</summary>
    public void RequireCapacity(string region)
    {
        if (TotalCpu <= MaxCpu && TotalMemoryInGB <= MaxMemoryInGB) return;
        throw new ArmException(HttpStatusCode.Conflict, "ServiceUnavailable",
            $"The requested resource is not available in the location '{region}' at this moment. Please retry with a different " +
            $"resource request or in another location. Resource requested: '{Show(TotalCpu)}' CPU '{Show(TotalMemoryInGB)}' GB memory " +
            $"'{OsType}' OS");
    }
}
