@{
    RootModule           = 'AcrGeo.dll'
    # The build stamps ModuleVersion from Directory.Build.props <Version> into the module it lays out.
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0c8f0e-3a4f-4d0c-9a4e-6f1a2c7e9d31'
    Author               = 'AcrGeo'
    CompanyName          = 'AcrGeo'
    Copyright            = '(c) AcrGeo. All rights reserved.'
    Description          = 'Geo-replicated Azure Container Registry in rich PowerShell objects: replicas in many regions at once, sync status, regional webhooks and the region map, with a local Azure emulator for offline runbook tests.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('AcrGeo.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-AcrGeo'
        'Disconnect-AcrGeo'
        'Get-AcrGeoContext'
        'Start-AcrGeoEmulator'
        'Stop-AcrGeoEmulator'
        'Get-AcrRegistry'
        'New-AcrRegistry'
        'Set-AcrRegistry'
        'New-AcrReplica'
        'Get-AcrReplica'
        'Wait-AcrReplica'
        'Remove-AcrReplica'
        'Set-AcrReplica'
        'Sync-AcrReplica'
        'Get-AcrRegion'
        'Export-AcrRegionMap'
        'Get-AcrRegistryEndpoint'
        'Get-AcrRegistryUsage'
        'New-AcrWebhook'
        'Get-AcrWebhook'
        'Remove-AcrWebhook'
        'Set-AcrWebhook'
        'Test-AcrWebhook'
        'Get-AcrWebhookEvent'
        'New-AcrKeyVault'
        'New-AcrPullPrincipal'
        'Get-AcrPullPrincipal'
        'Get-AcrPullCredential'
        'Reset-AcrPullPrincipalCredential'
        'Remove-AcrPullPrincipal'
        'New-AcrPullIdentity'
        'Get-AcrPullIdentity'
        'Remove-AcrPullIdentity'
        'Import-AcrImage'
        'Get-AcrImage'
        'Get-AcrImageReplication'
        'Wait-AcrImage'
        'New-AcrContainerInstance'
        'Get-AcrContainerInstance'
        'Remove-AcrContainerInstance'
        'Start-AcrContainerInstance'
        'Stop-AcrContainerInstance'
        'Restart-AcrContainerInstance'
        'Get-AcrContainerInstanceLog'
        'Export-AcrContainerInstanceTemplate'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Azure', 'ContainerRegistry', 'ACR', 'GeoReplication', 'Emulator')
            ProjectUri   = 'https://github.com/acrgeo/acrgeo'
            LicenseUri   = 'https://github.com/acrgeo/acrgeo/blob/main/LICENSE'
            # The build stamps the release notes from this version's section of CHANGELOG.md.
            ReleaseNotes = ''
        }
    }
}
