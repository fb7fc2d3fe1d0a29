# The source documents' geo-replication scenario, run through the built module against the local emulator:
# replicate a Premium registry to several regions at once, list the replicas as 'az acr replication list -o table'
# does, wait for Ready, the region map, regional webhooks, the refusals, and removing every replica but the home one.
# Each Context makes its own registry with the replicas it needs, so any of them runs alone.

Describe 'Geo-replicating a registry' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        # Short delays keep the suite quick while replicas still pass through Creating and Syncing.
        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 2 -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-pester'
        # Where webhook events would go: it may hold a key, so it must never show up in any output.
        $serviceUriSecret = 's3cr3tK3y'
        $serviceUri = "https://ci.contoso.test/acr-events?code=$serviceUriSecret"

        function New-ReplicatedRegistry {
            # A new Premium registry in westus, with provisioned replicas in the regions given.
            param([string[]] $Location = @())
            $name = New-TestResourceName -Prefix 'contoso'
            $null = New-AcrRegistry -Name $name -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup
            if ($Location) { $null = New-AcrReplica -Registry $name -Location $Location }
            $name
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'Replicating to several regions at once' {
        BeforeAll {
            $registry = New-ReplicatedRegistry
        }

        It 'creates replicas in japaneast, eastus and westeurope in one call, each provisioned' {
            $created = @(New-AcrReplica -Registry $registry -Location 'japaneast', 'eastus', 'westeurope')

            $created.Count | Should -Be 3
            ($created.Location | Sort-Object) -join ',' | Should -Be 'eastus,japaneast,westeurope'
            @($created | Where-Object ProvisioningState -ne 'Succeeded').Count | Should -Be 0
            @($created | Where-Object RegistryName -ne $registry).Count | Should -Be 0
        }

        It 'returns the existing replica when run again, without an error' {
            $again = @(New-AcrReplica -Registry $registry -Location japaneast -ErrorVariable problems)

            $problems.Count | Should -Be 0
            $again.Count | Should -Be 1
            $again[0].Location | Should -Be 'japaneast'
            $again[0].ProvisioningState | Should -Be 'Succeeded'
        }
    }

    Context 'Listing, waiting and the region map' {
        BeforeAll {
            $registry = New-ReplicatedRegistry -Location japaneast, eastus, westeurope
        }

        It 'lists four replicas, exactly one of them the home replica in westus' {
            $replicas = @(Get-AcrReplica -Registry $registry)

            $replicas.Count | Should -Be 4
            ($replicas.Location | Sort-Object) -join ',' | Should -Be 'eastus,japaneast,westeurope,westus'
            $homeReplicas = @($replicas | Where-Object IsHome)
            $homeReplicas.Count | Should -Be 1
            $homeReplicas[0].Location | Should -Be 'westus'
        }

        It 'shows Name, Location, ProvisioningState and Status in the default table, as az acr replication list does' {
            # Without colour codes, which PowerShell 7.2+ may put around the headers.
            $table = (Get-AcrReplica -Registry $registry | Format-Table | Out-String -Width 200) -replace '\x1b\[[0-9;]*m', ''

            $table | Should -Match 'Name\s+Location\s+ProvisioningState\s+Status'
            $table | Should -Match 'japaneast\s+japaneast\s+Succeeded'
        }

        It 'waits until every replica is provisioned and Ready' {
            $ready = @(Wait-AcrReplica -Registry $registry -TimeoutSeconds 120)

            $ready.Count | Should -Be 4
            @($ready | Where-Object Status -ne 'Ready').Count | Should -Be 0
            @($ready | Where-Object ProvisioningState -ne 'Succeeded').Count | Should -Be 0
        }

        It 'takes the registry from the pipeline (Get-AcrRegistry | Get-AcrReplica)' {
            $fromPipeline = @(Get-AcrRegistry -Name $registry | Get-AcrReplica)

            $fromPipeline.Count | Should -Be 4
            @($fromPipeline | Where-Object RegistryName -ne $registry).Count | Should -Be 0
        }

        It 'maps the home region, the replica regions, and available and unavailable regions' {
            $map = @(Get-AcrRegion -Registry $registry)

            (@($map | Where-Object State -eq 'Home').Name -join ',') | Should -Be 'westus'
            (@($map | Where-Object State -eq 'Replica').Name | Sort-Object) -join ',' | Should -Be 'eastus,japaneast,westeurope'
            "$(($map | Where-Object Name -eq 'canadacentral').State)" | Should -Be 'Available'
            "$(($map | Where-Object Name -eq 'germanynorth').State)" | Should -Be 'Unavailable'
            ($map.State | ForEach-Object { "$_" } | Sort-Object -Unique) -join ',' | Should -Be 'Available,Home,Replica,Unavailable'
        }

        It 'filters the map by state' {
            $available = @(Get-AcrRegion -Registry $registry -State Available)

            $available.Count | Should -BeGreaterThan 0
            @($available | Where-Object State -ne 'Available').Count | Should -Be 0
        }
    }

    Context '-WhatIf changes nothing' {
        BeforeAll {
            $registry = New-ReplicatedRegistry -Location japaneast, eastus, westeurope
        }

        It 'New-AcrReplica -WhatIf creates no replica' {
            $output = @(New-AcrReplica -Registry $registry -Location canadacentral -WhatIf)

            $output.Count | Should -Be 0
            $replicas = @(Get-AcrReplica -Registry $registry)
            $replicas.Count | Should -Be 4
            $replicas.Location | Should -Not -Contain 'canadacentral'
        }

        It 'Remove-AcrReplica -WhatIf removes no replica' {
            Remove-AcrReplica -Registry $registry -Name eastus -WhatIf

            @(Get-AcrReplica -Registry $registry).Location | Should -Contain 'eastus'
            @(Get-AcrReplica -Registry $registry).Count | Should -Be 4
        }
    }

    Context 'Refusals, each with its own error id' {
        BeforeAll {
            $registry = New-ReplicatedRegistry -Location japaneast, eastus, westeurope
            $standardRegistry = New-TestResourceName -Prefix 'standard'
            $null = New-AcrRegistry -Name $standardRegistry -ResourceGroupName $resourceGroup -Location westus -Sku Standard
        }

        It 'refuses a replica in <Case>' -ForEach @(
            @{ Case = 'the home region'; Location = 'westus'; ErrorId = 'AcrGeo.HomeRegionReplica' }
            @{ Case = 'an unknown region'; Location = 'atlantis'; ErrorId = 'AcrGeo.UnknownRegion' }
            @{ Case = 'a region without Container Registry'; Location = 'germanynorth'; ErrorId = 'AcrGeo.RegionUnavailable' }
        ) {
            { New-AcrReplica -Registry $registry -Location $Location } |
                Should -Throw -ErrorId "$ErrorId,AcrGeo.Commands.NewAcrReplicaCommand"
            @(Get-AcrReplica -Registry $registry).Count | Should -Be 4
        }

        It 'refuses to replicate a Standard registry without -UpgradeSku, and leaves it Standard' {
            { New-AcrReplica -Registry $standardRegistry -Location eastus } |
                Should -Throw -ErrorId 'AcrGeo.PremiumSkuRequired,AcrGeo.Commands.NewAcrReplicaCommand'
            (Get-AcrRegistry -Name $standardRegistry).Sku | Should -Be 'Standard'
        }

        It 'upgrades a Standard registry to Premium and replicates it with -UpgradeSku' {
            $replica = @(New-AcrReplica -Registry $standardRegistry -Location eastus -UpgradeSku)

            $replica.Count | Should -Be 1
            $replica[0].Location | Should -Be 'eastus'
            $replica[0].ProvisioningState | Should -Be 'Succeeded'
            (Get-AcrRegistry -Name $standardRegistry).Sku | Should -Be 'Premium'
        }

        It 'rejects the registry name <Name> before any request' -ForEach @(
            @{ Name = 'my-registry' }
            @{ Name = 'abcd' }
            @{ Name = 'registry.with.dots' }
            @{ Name = 'a' * 51 }
        ) {
            { New-AcrReplica -Registry $Name -Location japaneast } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,AcrGeo.Commands.NewAcrReplicaCommand'
        }

        It 'rejects a webhook name with an underscore before any request' {
            { New-AcrWebhook -Registry $registry -Name 'push_hook' -ServiceUri $serviceUri } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,AcrGeo.Commands.NewAcrWebhookCommand'
        }

        It 'refuses a SKU below Premium while replicas exist, and leaves the registry Premium' {
            { Set-AcrRegistry -Registry $registry -Sku Basic } |
                Should -Throw -ErrorId 'AcrGeo.SkuDowngradeWithReplicas,AcrGeo.Commands.SetAcrRegistryCommand'
            (Get-AcrRegistry -Name $registry).Sku | Should -Be 'Premium'
        }

        It 'never removes the home replica by name: a non-terminating error, and nothing removed' {
            Remove-AcrReplica -Registry $registry -Name westus -Confirm:$false -ErrorVariable refusals -ErrorAction SilentlyContinue

            $refusals.Count | Should -Be 1
            $refusals[0].FullyQualifiedErrorId | Should -Be 'AcrGeo.HomeReplicaCannotBeDeleted,AcrGeo.Commands.RemoveAcrReplicaCommand'
            "$($refusals[0].CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            @(Get-AcrReplica -Registry $registry).Count | Should -Be 4
        }

        It 'never removes the home replica given as an object either' {
            $homeReplica = Get-AcrReplica -Registry $registry | Where-Object IsHome
            Remove-AcrReplica -InputObject $homeReplica -Confirm:$false -ErrorVariable refusals -ErrorAction SilentlyContinue

            $refusals.Count | Should -Be 1
            $refusals[0].FullyQualifiedErrorId | Should -Be 'AcrGeo.HomeReplicaCannotBeDeleted,AcrGeo.Commands.RemoveAcrReplicaCommand'
            @(Get-AcrReplica -Registry $registry).Count | Should -Be 4
        }
    }

    Context 'Regional webhooks' {
        BeforeAll {
            $registry = New-ReplicatedRegistry -Location japaneast
            $hook = New-AcrWebhook -Registry $registry -Name 'japanpush' -ServiceUri $serviceUri -Location japaneast
        }

        It 'is regional when it listens in a replica''s region' {
            $hook.IsRegional | Should -BeTrue
            $hook.Location | Should -Be 'japaneast'
            $hook.Actions -join ',' | Should -Be 'push'
        }

        It 'is refused in a region that holds no replica' {
            { New-AcrWebhook -Registry $registry -Name 'canadapush' -ServiceUri $serviceUri -Location canadacentral } |
                Should -Throw -ErrorId 'AcrGeo.WebhookRegionNotReplicated,AcrGeo.Commands.NewAcrWebhookCommand'
        }

        It 'never shows the service URI, neither when created nor when listed' {
            $created = $hook | ConvertTo-Json -Depth 5
            $listed = Get-AcrWebhook -Registry $registry -Name 'japanpush' | ConvertTo-Json -Depth 5

            foreach ($json in $created, $listed) {
                $json | Should -Not -BeLike '*ci.contoso.test*'
                $json | Should -Not -BeLike "*$serviceUriSecret*"
            }
        }

        It 'is listed, and removed with Remove-AcrWebhook' {
            (@(Get-AcrWebhook -Registry $registry).Name -join ',') | Should -Be 'japanpush'

            Remove-AcrWebhook -Registry $registry -Name 'japanpush' -Confirm:$false

            @(Get-AcrWebhook -Registry $registry).Count | Should -Be 0
        }
    }

    Context 'Removing replicas' {
        BeforeAll {
            $registry = New-ReplicatedRegistry -Location japaneast, eastus, westeurope
        }

        It 'removes every replica but the home one, piped from Get-AcrReplica in a new session' {
            # A fresh non-interactive pwsh, as a runbook would run it: should the pipeline ever fail to bind and
            # PowerShell ask for a missing parameter, that is an error here instead of a prompt that never returns.
            $run = Invoke-FreshPowerShell -Environment @{
                ACRGEO_TEST_MODULE       = Get-AcrGeoModulePath
                ACRGEO_TEST_EMULATOR_DIR = $emulator.DataDirectory
                ACRGEO_TEST_REGISTRY     = $registry
            } -Script @'
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ACRGEO_TEST_MODULE
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $env:ACRGEO_TEST_EMULATOR_DIR -PollIntervalSeconds 0.2
Get-AcrReplica -Registry $env:ACRGEO_TEST_REGISTRY | Where-Object { -not $_.IsHome } | Remove-AcrReplica -Confirm:$false
'@
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)

            $left = @(Get-AcrReplica -Registry $registry)
            $left.Count | Should -Be 1
            $left[0].IsHome | Should -BeTrue
            $left[0].Location | Should -Be 'westus'
        }

        It 'allows a SKU below Premium once the replicas are gone' {
            (Set-AcrRegistry -Registry $registry -Sku Standard).Sku | Should -Be 'Standard'
        }
    }
}
