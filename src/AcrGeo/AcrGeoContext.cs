using AcrGeo.Connection;

namespace AcrGeo;

/// <summary>What Connect-AcrGeo and Get-AcrGeoContext show: where and as whom the module works. Never a secret.</summary>
public sealed class AcrGeoContext
{
    internal AcrGeoContext(AcrGeoConnection connection, string? subscriptionName)
    {
        SubscriptionId = connection.SubscriptionId;
        SubscriptionName = subscriptionName;
        TenantId = connection.Settings.TenantId;
        Identity = connection.Identity;
        Environment = connection.Cloud.Name;
        ResourceManagerUrl = connection.Cloud.ResourceManager.ToString();
        PollIntervalSeconds = connection.Settings.PollInterval.TotalSeconds;
        MaxParallelOperations = connection.Settings.MaxParallelOperations;
    }

    public string SubscriptionId { get; }
    public string? SubscriptionName { get; }
    public string? TenantId { get; }
    public string Identity { get; }
    public string Environment { get; }
    public string ResourceManagerUrl { get; }
    public double PollIntervalSeconds { get; }
    /// <summary>Empty when ARM's request budget paces operations (the default).</summary>
    public int? MaxParallelOperations { get; }
}
