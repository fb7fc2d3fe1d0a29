using AcrGeo.Input;

namespace AcrGeo.Engine.Tests;

/// <summary>
/// The input layer on its own: each kind of value accepts what the service documents and refuses the rest with its own
/// id and a message that names the value (control characters escaped) and says what is allowed, never a pattern.
/// </summary>
public sealed class InputRulesTests
{
    static void Refused(string errorId, Action check)
    {
        var error = Assert.Throws<AcrGeoException>(check);
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(AcrErrorCategory.InvalidArgument, error.Category);
        // What is allowed, in words: no pattern such as ^[a-z0-9]{5,50}$.
        Assert.DoesNotContain("^[", error.Message);
        Assert.DoesNotContain("]{", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("contoso")]
    [InlineData("Contoso2024")]
    [InlineData("abcde")]
    public void Registry_names_of_5_to_50_letters_and_digits_pass(string name) => Assert.Equal(name, InputRules.RegistryName(name));

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("contoso\n")]
    [InlineData("contoso\r\n")]
    [InlineData("con-toso")]
    [InlineData("con toso")]
    [InlineData("contoso/../x")]
    [InlineData("contosö")]
    [InlineData("contoso\u200B")]
    public void Other_registry_names_are_refused(string name) => Refused(ErrorIds.InvalidRegistryName, () => InputRules.RegistryName(name));

    [Fact]
    public void A_name_of_51_characters_is_refused_and_the_message_escapes_control_characters()
    {
        Refused(ErrorIds.InvalidRegistryName, () => InputRules.RegistryName(new string('a', 51)));
        var error = Assert.Throws<AcrGeoException>(() => InputRules.WebhookName("hook\u0007x"));
        Assert.Contains("\\u0007", error.Message);
    }

    [Theory]
    [InlineData("rg-contoso")]
    [InlineData("RG_(prod).eu")]
    [InlineData("Grupo-Año")]
    [InlineData("資源")]
    public void Resource_group_names_take_unicode_letters_and_arm_punctuation(string name) => Assert.Equal(name, InputRules.ResourceGroupName(name));

    [Theory]
    [InlineData("")]
    [InlineData("my group")]
    [InlineData("group.")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("..")]
    [InlineData("group\n")]
    public void Resource_group_names_outside_arms_rule_are_refused(string name) =>
        Refused(ErrorIds.InvalidResourceGroupName, () => InputRules.ResourceGroupName(name));

    [Fact]
    public void A_resource_group_name_of_91_characters_is_refused() =>
        Refused(ErrorIds.InvalidResourceGroupName, () => InputRules.ResourceGroupName(new string('g', 91)));

    [Theory]
    [InlineData("contoso-kv")]
    [InlineData("kv1")]
    public void Vault_names_pass(string name) => Assert.Equal(name, InputRules.VaultName(name));

    [Theory]
    [InlineData("no--good")]
    [InlineData("9lives")]
    [InlineData("ends-")]
    [InlineData("ab")]
    [InlineData("kv\n")]
    [InlineData("a234567890123456789012345")]
    public void Vault_names_outside_key_vaults_rule_are_refused(string name) => Refused(ErrorIds.InvalidVaultName, () => InputRules.VaultName(name));

    [Theory]
    [InlineData("aci-demo", true)]
    [InlineData("1group", true)]
    [InlineData("Aci", false)]
    [InlineData("-aci", false)]
    [InlineData("aci--demo", false)]
    [InlineData("aci\n", false)]
    public void Container_group_names(string name, bool valid)
    {
        if (valid) Assert.Equal(name, InputRules.ContainerGroupName(name));
        else Refused(ErrorIds.InvalidContainerGroupName, () => InputRules.ContainerGroupName(name));
    }

    [Theory]
    [InlineData("aci-demo-1a2b3c", true)]
    [InlineData("abcd", false)]
    [InlineData("1abcde", false)]
    [InlineData("abcde-", false)]
    [InlineData("ABCDE", false)]
    public void Dns_name_labels(string label, bool valid)
    {
        if (valid) Assert.Equal(label, InputRules.DnsNameLabel(label));
        else Refused(ErrorIds.InvalidDnsNameLabel, () => InputRules.DnsNameLabel(label));
    }

    [Theory]
    [InlineData("Japan East", "japaneast")]
    [InlineData("westus", "westus")]
    public void Regions_are_taken_by_name_or_display_name(string given, string name) => Assert.Equal(name, InputRules.RegionName(given));

    [Theory]
    [InlineData("")]
    [InlineData("west/us")]
    [InlineData("westus\n")]
    [InlineData("west-us")]
    public void Region_names_that_are_no_region_name_are_refused(string name) => Refused(ErrorIds.InvalidRegionName, () => InputRules.RegionName(name));

    [Theory]
    [InlineData("a<b")]
    [InlineData("a>b")]
    [InlineData("a%b")]
    [InlineData("a&b")]
    [InlineData("a\\b")]
    [InlineData("a?b")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Tag_names_with_arms_forbidden_characters_are_refused(string name) =>
        Refused(ErrorIds.InvalidTag, () => InputRules.Tags(new Dictionary<string, string> { [name] = "v" }));

    [Fact]
    public void Tags_over_arms_limits_are_refused_and_those_within_pass()
    {
        Refused(ErrorIds.InvalidTag, () => InputRules.Tags(Enumerable.Range(0, 51).ToDictionary(i => $"t{i}", _ => "")));
        Refused(ErrorIds.InvalidTag, () => InputRules.Tags(new Dictionary<string, string> { [new string('n', 513)] = "" }));
        Refused(ErrorIds.InvalidTag, () => InputRules.Tags(new Dictionary<string, string> { ["env"] = new string('v', 257) }));
        var fine = Enumerable.Range(0, 50).ToDictionary(i => $"t{i}", _ => new string('v', 256));
        Assert.Same(fine, InputRules.Tags(fine));
    }

    [Theory]
    [InlineData("aci-helloworld:v1", null, "aci-helloworld", "v1")]
    [InlineData("mcr.microsoft.com/azuredocs/aci-helloworld", "mcr.microsoft.com", "azuredocs/aci-helloworld", "latest")]
    [InlineData("localhost:5000/a__b/c--d:1.0", "localhost:5000", "a__b/c--d", "1.0")]
    [InlineData("docker.io/nginx:latest", "docker.io", "library/nginx", "latest")]
    public void Image_references_follow_the_distribution_grammar(string image, string? registry, string repository, string reference)
    {
        var parsed = ImageReference.Parse(image);
        Assert.Equal((registry, repository, reference), (parsed.Registry, parsed.RepositoryPath, parsed.Reference));
    }

    [Theory]
    [InlineData("Aci-HelloWorld:v1")]
    [InlineData("aci helloworld:v1")]
    [InlineData("repo:bad tag")]
    [InlineData("repo:v1\n")]
    [InlineData("a/../b:v1")]
    [InlineData("repo?x=1:v1")]
    [InlineData("repo#frag")]
    [InlineData("repo:-v1")]
    [InlineData("")]
    public void Other_image_references_are_refused(string image) => Refused(ErrorIds.InvalidImageName, () => ImageReference.Parse(image));

    [Theory]
    [InlineData("repo@sha256:abc")]
    [InlineData("repo@sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("repo@md5:0123456789abcdef0123456789abcdef")]
    [InlineData("repo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n")]
    public void Malformed_digests_get_their_own_id(string image) => Refused(ErrorIds.InvalidImageDigest, () => ImageReference.Parse(image));

    [Fact]
    public void A_well_formed_digest_is_the_reference()
    {
        var digest = "sha256:" + new string('a', 64);
        var parsed = ImageReference.Parse("repo:v1@" + digest);
        Assert.True(parsed.IsDigest);
        Assert.Equal(digest, parsed.Reference);
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("_under_score1")]
    public void Environment_variable_names_pass(string name) => InputRules.EnvironmentVariableNames([name]);

    [Theory]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("A\n")]
    [InlineData("")]
    public void Other_environment_variable_names_are_refused(string name) =>
        Refused(ErrorIds.InvalidEnvironmentVariableName, () => InputRules.EnvironmentVariableNames([name]));

    [Fact]
    public void An_environment_variable_given_twice_is_refused() =>
        Refused(ErrorIds.InvalidEnvironmentVariableName, () => InputRules.EnvironmentVariableNames(["Mode", "MODE"]));

    [Fact]
    public void Ports_cpu_and_memory_follow_container_instances_limits()
    {
        Assert.Equal([80, 443], InputRules.Ports([80, 443]));
        Refused(ErrorIds.InvalidPort, () => InputRules.Ports([0]));
        Refused(ErrorIds.InvalidPort, () => InputRules.Ports([65536]));
        Refused(ErrorIds.InvalidPort, () => InputRules.Ports([80, 80]));
        Refused(ErrorIds.InvalidPort, () => InputRules.Ports([]));
        Refused(ErrorIds.InvalidCpu, () => InputRules.Cpu(0));
        Refused(ErrorIds.InvalidCpu, () => InputRules.Cpu(double.NaN));
        Refused(ErrorIds.InvalidCpu, () => InputRules.Cpu(4.5));
        Refused(ErrorIds.InvalidMemory, () => InputRules.MemoryInGb(16.5));
        Refused(ErrorIds.InvalidMemory, () => InputRules.MemoryInGb(double.PositiveInfinity));
        Assert.Equal(0.5, InputRules.Cpu(0.5));
    }

    [Fact]
    public void Expiry_is_checked_on_the_span_so_no_date_overflows()
    {
        var now = DateTimeOffset.UtcNow;
        Refused(ErrorIds.InvalidExpiry, () => InputRules.PasswordExpiry(TimeSpan.MaxValue, null, now));
        Refused(ErrorIds.InvalidExpiry, () => InputRules.PasswordExpiry(TimeSpan.MinValue, null, now));
        Refused(ErrorIds.InvalidExpiry, () => InputRules.PasswordExpiry(null, DateTime.MaxValue, now));
        Refused(ErrorIds.InvalidExpiry, () => InputRules.PasswordExpiry(null, DateTime.MinValue, now));
        Assert.Equal(now.AddDays(30), InputRules.PasswordExpiry(TimeSpan.FromDays(30), null, now));
        Assert.Equal(now.AddYears(1), InputRules.PasswordExpiry(null, null, now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pull\nprincipal")]
    public void Display_names_that_are_empty_blank_or_hold_line_breaks_are_refused(string name) =>
        Refused(ErrorIds.InvalidDisplayName, () => InputRules.DisplayName(name));

    [Fact]
    public void Webhook_headers_refuse_header_injection_and_never_repeat_the_value()
    {
        Refused(ErrorIds.InvalidWebhookHeader, () => InputRules.WebhookHeaders(new Dictionary<string, string> { ["X Bad"] = "v" }));
        var error = Assert.Throws<AcrGeoException>(() =>
            InputRules.WebhookHeaders(new Dictionary<string, string> { ["Authorization"] = "Bearer s3cr3t\r\nX-Evil: 1" }));
        Assert.Equal(ErrorIds.InvalidWebhookHeader, error.ErrorId);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public void Connection_ids_are_guids()
    {
        Refused(ErrorIds.InvalidSubscriptionId, () => InputRules.SubscriptionId("not-a-guid"));
        Refused(ErrorIds.InvalidTenantId, () => InputRules.TenantId(Guid.NewGuid() + "\n"));
        Refused(ErrorIds.InvalidConnectionSetting, () => InputRules.Seconds(double.NaN, 0, 300, ErrorIds.InvalidConnectionSetting, "poll interval"));
    }
}
