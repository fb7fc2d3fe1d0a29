#Requires -Version 7.4
#Requires -Modules AcrGeo
<#
.SYNOPSIS
    An Azure Automation runbook that keeps a geo-replicated registry as declared: its replicas in the listed regions,
    an image in every one of them, and pull passwords renewed, with their container groups, before they expire.
.DESCRIPTION
    Runs in an Automation account's PowerShell 7.4 runtime with the AcrGeo module imported into the account, and signs
    in with the account's managed identity, with no login step: Automation sets IDENTITY_ENDPOINT and IDENTITY_HEADER,
    the runbook sets AZURE_SUBSCRIPTION_ID from -SubscriptionId, and the first AcrGeo cmdlet then signs in with
    DefaultAzureCredential, which takes the managed identity from those variables. Nothing secret is passed in.

    It then:
    1. reconciles the registry's replicas to -Region (Sync-AcrReplica -Prune): creates the missing ones (all at once)
       and removes those no longer listed (never the home one);
    2. waits until -Image is in every region, read on each region's own endpoint (Wait-AcrImage);
    3. renews the pull passwords of the registry that expire within -RotateWithinDays, redeploying the container groups
       that pull with each (Reset-AcrPullPrincipalCredential -UpdateContainerInstance): the old password goes only when
       every group runs with the new one;
    4. writes one report object (and, with -Verbose, what it does step by step).

    The managed identity needs: Contributor on the registry (replicas), User Access Administrator or Owner where the
    pull principals' roles are (rotation reads them), Key Vault Secrets Officer on the vaults that hold the pull secrets,
    Contributor on the container groups' resource groups, and the Microsoft Graph right to add and remove the pull
    applications' passwords (Application.ReadWrite.OwnedBy, with the identity as their owner).
.PARAMETER RegistryName
    The registry to keep.
.PARAMETER Region
    The regions the registry must be replicated to, besides its home region (listing the home region changes nothing).
.PARAMETER Image
    repository:tag that must be in every region, such as aci-helloworld:v1.
.PARAMETER RotateWithinDays
    Renew the pull passwords that expire within this many days (expired ones too).
.PARAMETER VaultName
    The vault of the pull secrets, for principals that do not name their vault (those New-AcrPullPrincipal made do).
.PARAMETER SubscriptionId
    The subscription of the registry; by default AZURE_SUBSCRIPTION_ID as the account sets it.
.PARAMETER TimeoutMinutes
    How long to wait for the replicas, and for each container group to run again.
.EXAMPLE
    .\Update-AcrGeoRegistry.ps1 -SubscriptionId 00000000-0000-0000-0000-000000000000 -RegistryName contoso -Region eastus, westeurope -Image web:1.4.2
.NOTES
    Windows PowerShell 5.1 runbooks: AcrGeo runs there too, and so does this script once the '#Requires -Version 7.4'
    line is removed; it uses no PowerShell 7 syntax. In a 5.1 runtime import AcrGeo into the account for 5.1, and note
    that Automation's 5.1 sandbox may not pass IDENTITY_ENDPOINT to child processes: run the script itself as the
    runbook, not in a job of its own.
#>
[CmdletBinding()]
[OutputType([pscustomobject])]
param(
    [Parameter(Mandatory)] [string] $RegistryName,
    [Parameter(Mandatory)] [string[]] $Region,
    [Parameter(Mandatory)] [string] $Image,
    [ValidateRange(1, 730)] [int] $RotateWithinDays = 30,
    [string] $VaultName,
    [string] $SubscriptionId = $env:AZURE_SUBSCRIPTION_ID,
    [ValidateRange(1, 180)] [int] $TimeoutMinutes = 30
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$started = [DateTimeOffset]::UtcNow
if (-not $SubscriptionId) { throw 'Give -SubscriptionId, or set AZURE_SUBSCRIPTION_ID in the Automation account.' }
# No Connect-AcrGeo: with this set, the first cmdlet signs in with DefaultAzureCredential (the account's managed identity).
$env:AZURE_SUBSCRIPTION_ID = $SubscriptionId

# 1. The replicas: the missing ones created at once, those no longer wanted removed (never the home one).
$registry = Get-AcrRegistry -Name $RegistryName
$sync = @(Sync-AcrReplica -Registry $RegistryName -Location $Region -Prune -Force -TimeoutSeconds ($TimeoutMinutes * 60) -Confirm:$false)
$added = @($sync | Where-Object { "$($_.Action)" -eq 'Create' } | ForEach-Object Location)
$removed = @($sync | Where-Object { "$($_.Action)" -eq 'Remove' } | ForEach-Object Location)
$problems = @($sync | Where-Object { "$($_.Result)" -eq 'Failed' } | ForEach-Object { "Replica $($_.Location): $($_.Error)" })

# 2. The image in every region, read on each region's own endpoint.
$repository, $tag = $Image -split ':', 2
if (-not $tag) { $tag = 'latest' }
$inRegions = @(Wait-AcrImage -Registry $RegistryName -Image "$repository`:$tag" -TimeoutSeconds ($TimeoutMinutes * 60))
Write-Verbose "$Image is in every region: $(($inRegions.Location | Sort-Object) -join ', ')."

# 3. Pull passwords that expire soon, each with the container groups that pull with it.
$rotations = @()
$expiring = @(Get-AcrPullPrincipal -Registry $RegistryName -ExpiringWithin (New-TimeSpan -Days $RotateWithinDays))
foreach ($principal in $expiring) {
    $vault = if ($principal.VaultName) { $principal.VaultName } else { $VaultName }
    if (-not $vault) {
        $problems += "$($principal.DisplayName) ($($principal.AppId)) expires $($principal.ExpiresOn.ToString('u')), but names no vault; give -VaultName."
        continue
    }
    Write-Verbose "Renewing the password of $($principal.DisplayName), which expires $($principal.ExpiresOn.ToString('u'))."
    $failures = $null
    $rotation = Reset-AcrPullPrincipalCredential -Registry $RegistryName -VaultName $vault -Role $principal.Role -UpdateContainerInstance `
        -TimeoutSeconds ($TimeoutMinutes * 60) -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
    $problems += @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" })
    $rotations += [pscustomobject]@{
        DisplayName               = $rotation.DisplayName
        AppId                     = $rotation.AppId
        ExpiresOn                 = $rotation.ExpiresOn
        ContainerInstances        = @($rotation.Updated | ForEach-Object { "$($_.ResourceGroupName)/$($_.Name)" })
        Failed                    = @($rotation.Failed)
        PreviousCredentialRemoved = $rotation.PreviousCredentialRemoved
    }
}

# 4. The report.
[pscustomobject]@{
    RegistryName     = $RegistryName
    Regions          = @($inRegions.Location | Sort-Object)
    ReplicasAdded    = $added
    ReplicasRemoved  = $removed
    Image            = "$($registry.LoginServer)/$repository`:$tag"
    ImageInAllRegions = @($inRegions | Where-Object { -not $_.InSync }).Count -eq 0
    Rotated          = $rotations
    Problems         = $problems
    Succeeded        = $problems.Count -eq 0
    StartedAt        = $started
    Duration         = [DateTimeOffset]::UtcNow - $started
}
