using AcrGeo.Arm;

namespace AcrGeo.Engine.Tests;

public sealed class ArmPathTests
{
    const string Subscription = "00000000-0000-0000-0000-000000000001";

    [Fact]
    public void Builds_a_child_resource_path_from_its_parts()
    {
        var path = ArmPath.Subscription(Subscription).ResourceGroup("contoso")
            .Provider("Microsoft.ContainerRegistry", "registries", "contosoacr").Child("replications", "eastus");

        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/contoso/providers/Microsoft.ContainerRegistry/registries/contosoacr/replications/eastus",
            path.ToString());
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("rg?api-version=1")]
    [InlineData("rg#fragment")]
    [InlineData("rg%2F..")]
    [InlineData("rg\\..")]
    [InlineData("rg\n")]
    [InlineData("")]
    public void Refuses_a_segment_that_would_change_the_path(string name)
    {
        var error = Assert.Throws<AcrGeoException>(() => ArmPath.Subscription(Subscription).ResourceGroup(name));

        Assert.Equal(ErrorIds.InvalidPathSegment, error.ErrorId);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void Escapes_what_a_segment_may_hold()
    {
        var path = ArmPath.Subscription(Subscription).ResourceGroup("rg (test).ü");

        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/rg%20%28test%29.%C3%BC", path.ToString());
    }

    [Fact]
    public void Checks_every_segment_of_a_resource_id_from_the_service()
    {
        var id = $"/subscriptions/{Subscription}/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r";

        Assert.Equal(id + "/webhooks", ArmPath.FromResourceId(id).Child("webhooks").ToString());
        Assert.Throws<AcrGeoException>(() => ArmPath.FromResourceId($"/subscriptions/{Subscription}/resourceGroups/../g"));
        Assert.Throws<AcrGeoException>(() => ArmPath.FromResourceId("resourceGroups/g"));
    }

    [Fact]
    public void Escapes_query_values_but_keeps_the_callers_parameter_name()
    {
        var path = ArmPath.Subscription(Subscription).Provider("Microsoft.Authorization", "roleAssignments")
            .Query("$filter", "principalId eq 'a&b'");

        Assert.EndsWith("roleAssignments?$filter=principalId%20eq%20%27a%26b%27", path.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1/operations/1")]
    [InlineData("/operations/1")]
    [InlineData("not a url")]
    public void A_url_to_follow_must_be_absolute_https(string url)
    {
        var error = Assert.Throws<AcrGeoException>(() => ArmRest.ServiceUrl(url, null));
        Assert.Equal(ErrorIds.ArmPrefix + "InvalidServiceUrl", error.ErrorId);
    }
}
