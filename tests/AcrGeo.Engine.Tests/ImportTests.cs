using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

/// <summary>importImage from every kind of source, and what is refused before anything is sent.</summary>
public sealed class ImportTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    const string HelloWorld = "mcr.microsoft.com/azuredocs/aci-helloworld:latest";

    ImageOperations Images => new(fx.Connection);

    bool Imported() => fx.ArmRequests.Any(r => r.Method == "POST" && r.Path.EndsWith("/importImage"));

    async Task<AcrRegistry> SourceAsync(params string[] replicas)
    {
        var source = await fx.NewRegistryAsync();
        if (replicas.Length > 0)
        {
            var operations = new ReplicaOperations(fx.Connection);
            await operations.CreateAsync(await operations.PlanAsync(source, new ReplicaRequest { Locations = replicas }, OperationContext.None),
                OperationContext.None);
            await operations.WaitAsync(source, null, TimeSpan.FromSeconds(30), OperationContext.None);
        }
        await Images.ImportAsync(source, new ImageImportRequest { Source = HelloWorld, Target = "app:v1" }, OperationContext.None);
        return source;
    }

    [Theory]
    [InlineData("app@sha256:1234", ErrorIds.InvalidImageDigest)]
    [InlineData("app@sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", ErrorIds.InvalidImageDigest)]
    [InlineData("app@md5:0123456789abcdef0123456789abcdef", ErrorIds.InvalidImageDigest)]
    [InlineData("App:v1", ErrorIds.InvalidImageName)]
    [InlineData("app:v1 ", ErrorIds.InvalidImageName)]
    [InlineData("bad host!/app:v1", ErrorIds.InvalidImageName)]
    public void A_malformed_reference_or_digest_is_refused_before_any_request(string source, string errorId)
    {
        var error = Assert.Throws<AcrGeoException>(() => ImageOperations.Check(new ImageImportRequest { Source = source }));
        Assert.Equal(errorId, error.ErrorId);
    }

    [Theory]
    [InlineData("/subscriptions/x/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/src12345", "app:v1")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/src12345",
        "other.azurecr.io/app:v1")]
    public void A_source_registry_id_that_cannot_work_is_refused_before_any_request(string id, string source)
    {
        var error = Assert.Throws<AcrGeoException>(() => ImageOperations.Check(new ImageImportRequest { Source = source, SourceRegistryId = id }));
        Assert.Equal(ErrorIds.InvalidImportSource, error.ErrorId);
    }

    [Fact]
    public async Task An_existing_tag_is_refused_before_the_import_is_sent_unless_forced()
    {
        var registry = await SourceAsync();
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "app:v1" }, OperationContext.None));
        Assert.Equal(ErrorIds.ImageTagExists, error.ErrorId);
        Assert.False(Imported());

        await Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "app:v1", Force = true }, OperationContext.None);
        Assert.True(Imported());
    }

    [Fact]
    public async Task From_another_registry_by_resource_id_and_by_its_digest()
    {
        var source = await SourceAsync();
        var target = await fx.NewRegistryAsync();
        var digest = (await Images.ListAsync(source, "app", OperationContext.None)).Single().Digest!;

        await Images.ImportAsync(target, new ImageImportRequest { Source = "app:v1", SourceRegistryId = source.Id }, OperationContext.None);
        await Images.ImportAsync(target, new ImageImportRequest { Source = $"app@{digest}", Target = "pinned:v1", SourceRegistryId = source.Id },
            OperationContext.None);

        var images = await Images.ListAsync(target, null, OperationContext.None);
        Assert.Equal(new[] { "app:v1", "pinned:v1" }, images.Select(i => $"{i.Repository}:{i.Tag}").OrderBy(t => t));
        Assert.All(images, i => Assert.Equal(digest, i.Digest));
    }

    [Fact]
    public async Task From_a_private_registry_with_a_credential()
    {
        var source = await SourceAsync();
        var vault = await new VaultOperations(fx.Connection).CreateAsync(new VaultRequest
        {
            Name = "kv" + Guid.NewGuid().ToString("N")[..12], ResourceGroupName = source.ResourceGroupName, Location = "westus",
        }, OperationContext.None);
        var principals = new PullPrincipalOperations(fx.Connection);
        await principals.CreateAsync(source, vault.Name, new PullPrincipalRequest(), OperationContext.None);
        var (user, password) = await principals.GetCredentialAsync(source, vault.Name, "AcrPull", OperationContext.None);
        var target = await fx.NewRegistryAsync();

        await Images.ImportAsync(target, new ImageImportRequest
        {
            Source = $"{source.LoginServer}/app:v1", SourceUserName = user, SourcePassword = password,
        }, OperationContext.None);
        Assert.Equal("app", Assert.Single(await Images.ListAsync(target, null, OperationContext.None)).Repository);

        var wrong = "Wr0ng-" + Guid.NewGuid().ToString("N");
        var refused = await Assert.ThrowsAsync<AcrGeoException>(() => Images.ImportAsync(target, new ImageImportRequest
        {
            Source = $"{source.LoginServer}/app:v1", Target = "app:v2", SourceUserName = user, SourcePassword = EngineFixture.Secure(wrong),
        }, OperationContext.None));
        Assert.Equal(ErrorIds.OperationFailed, refused.ErrorId);
        Assert.DoesNotContain(wrong, refused.ToString());
    }

    [Fact]
    public async Task From_a_replica_regional_endpoint_as_the_signed_in_identity_once_the_image_has_reached_it()
    {
        var source = await SourceAsync("eastus");
        var target = await fx.NewRegistryAsync();
        var regional = $"{source.Name.ToLowerInvariant()}.eastus.geo.azurecr.io/app:v1";
        // The image reached eastus when SourceAsync's replica was ready and the import synced; give it the sync delay.
        await Task.Delay(fx.Emulator.Settings.SyncDelay + TimeSpan.FromMilliseconds(200));

        await Images.ImportAsync(target, new ImageImportRequest { Source = regional }, OperationContext.None);
        Assert.Equal("app", Assert.Single(await Images.ListAsync(target, null, OperationContext.None)).Repository);

        var unknown = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Images.ImportAsync(target, new ImageImportRequest { Source = "nosuchreg1.eastus.geo.azurecr.io/app:v1", Target = "x:v1" },
                OperationContext.None));
        Assert.Equal(ErrorIds.InvalidImportSource, unknown.ErrorId);
    }

    [Fact]
    public async Task NoWait_returns_once_the_import_is_accepted()
    {
        var registry = await fx.NewRegistryAsync();
        fx.ClearLog();
        var image = await Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "later:v1", NoWait = true },
            OperationContext.None);

        Assert.Null(image.LastUpdated);
        Assert.True(Imported());
        Assert.DoesNotContain(fx.ArmRequests, r => r.Path.Contains("/operationResults/"));
    }
}
