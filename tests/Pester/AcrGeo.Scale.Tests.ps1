# Fleet scale through the built module against the emulator: piped registries worked on at once and written in pipeline
# order, one request per registry for Get-AcrReplica, a request rate that does not grow with the number of regions while
# creates are waited for, ARM's throttling waited out with no 429 reaching the user, and -All through Resource Graph
# across subscriptions (and through ARM's lists where Resource Graph is not there). Requests are counted in the
# emulator's log. Contexts build on each other in file order.

Describe 'Fleet scale' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        . (Join-Path $PSScriptRoot 'GeoHelpers.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 0.5 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-scale'
        $fleet = 1..8 | ForEach-Object { New-TestResourceName -Prefix ('fleet{0}x' -f $_) }
        # Set-up needs no provisioning delay; each test sets what it measures.
        Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 0 }
        $null = New-AcrRegistry -Name $fleet[0] -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup
        $fleet | Select-Object -Skip 1 | ForEach-Object { $null = New-AcrRegistry -Name $_ -ResourceGroupName $resourceGroup -Location westus }
        Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 1 }

        function Get-FleetRegistry { Get-AcrRegistry | Where-Object Name -in $fleet | Sort-Object { [array]::IndexOf($fleet, $_.Name) } }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'Piped registries' {
        It 'are replicated at once, the slowest first in the pipe, and their replicas come out in pipeline order' {
            # The first registry's creates are each held 2 s before Azure answers them, so it finishes last of all.
            $null = Add-EmulatorFault -Emulator $emulator -Rule @{ method = 'PUT'; path = "*/registries/$($fleet[0])/replications/*"; action = 'Delay'; count = 2; delaySeconds = 2 }
            Clear-EmulatorRequestLog -Emulator $emulator

            $replicas = Get-FleetRegistry | New-AcrReplica -Location eastus, westeurope -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            $replicas | Should -HaveCount 16
            $replicas.ProvisioningState | Sort-Object -Unique | Should -Be 'Succeeded'
            # Pipeline order: each registry's two replicas together, registries in the order they were piped.
            ($replicas.RegistryName | Select-Object -Unique) | Should -Be $fleet
            # At once: every other registry's creates were answered while the first registry's, first in the pipe, were still
            # held (the log records a request when it is answered); one registry after another would have sent them only after.
            $puts = @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'PUT' -and $_.status -in 200, 201 })
            $puts | Should -HaveCount 16
            $first = @($puts | Where-Object path -like "*/$($fleet[0])/*")
            $others = @($puts | Where-Object path -notlike "*/$($fleet[0])/*")
            ($others.sequence | Measure-Object -Maximum).Maximum | Should -BeLessThan ($first.sequence | Measure-Object -Minimum).Minimum
        }

        It 'cost one request each when Get-AcrReplica lists their replicas' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $replicas = Get-FleetRegistry | Get-AcrReplica

            $replicas | Should -HaveCount 24
            ($replicas.RegistryName | Select-Object -Unique) | Should -Be $fleet
            @($replicas | Where-Object IsHome).Count | Should -Be 8
            $requests = @(Get-EmulatorRequest -Emulator $emulator)
            @($requests | Where-Object path -like '*/replications').Count | Should -Be 8
            # The registry list itself, and not one GET of a registry to find it again.
            @($requests | Where-Object path -like '*/registries/*' | Where-Object path -notlike '*/replications').Count | Should -Be 0
        }

        It 'are synchronised and pruned at once, results in pipeline order' {
            $results = Get-FleetRegistry | Sync-AcrReplica -Location westus, eastus, japaneast -Prune -Force

            ($results.RegistryName | Select-Object -Unique) | Should -Be $fleet
            @($results | Where-Object { $_.Action -eq 'Create' -and $_.Result -eq 'Succeeded' }).Count | Should -Be 8
            @($results | Where-Object { $_.Action -eq 'Remove' -and $_.Result -eq 'Succeeded' }).Count | Should -Be 8
            @(Get-FleetRegistry | Get-AcrReplica | Where-Object Location -eq 'westeurope').Count | Should -Be 0
        }

        It 'lose a replica each at once with Remove-AcrReplica, and -WhatIf sends no write' {
            Clear-EmulatorRequestLog -Emulator $emulator
            Get-FleetRegistry | Remove-AcrReplica -Name japaneast -WhatIf
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0

            Get-FleetRegistry | Remove-AcrReplica -Name japaneast -Confirm:$false -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @(Get-FleetRegistry | Get-AcrReplica | Where-Object Location -eq 'japaneast').Count | Should -Be 0
            $deletes = @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -eq 'DELETE')
            $deletes | Should -HaveCount 8
            @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -like '*/operationResults/*').Count | Should -Be 0
        }

        It 'are refused in order when one is the home region, and -WhatIf creates nothing' {
            Clear-EmulatorRequestLog -Emulator $emulator
            Get-FleetRegistry | New-AcrReplica -Location canadacentral -WhatIf
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0

            { Get-FleetRegistry | New-AcrReplica -Location westus } | Should -Throw -ErrorId 'AcrGeo.HomeRegionReplica,AcrGeo.Commands.NewAcrReplicaCommand'
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
        }
    }

    Context 'Every region at once' {
        It 'sends the same requests per interval while waiting for <Count> regions: one list, no operation polls' -ForEach @(
            @{ Count = 2 }
            @{ Count = 12 }
        ) {
            $registry = New-TestResourceName -Prefix "wide$Count"
            Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 0 }
            $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus
            Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 2 }
            $regions = @(Get-AcrRegion -Registry $registry -State Available | Where-Object Name -ne 'westus' | Select-Object -First $Count -ExpandProperty Name)
            Clear-EmulatorRequestLog -Emulator $emulator

            $created = New-AcrReplica -Registry $registry -Location $regions

            $created | Should -HaveCount $Count
            $log = @(Get-EmulatorRequest -Emulator $emulator)
            @($log | Where-Object path -like '*/operationStatuses/*').Count | Should -Be 0
            @($log | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/replications/*' }).Count | Should -Be 0
            # 2 s of provisioning at a 0.2 s interval: about ten lists, whatever the number of regions.
            @($log | Where-Object path -like '*/replications').Count | Should -BeLessOrEqual 14
            @($log | Where-Object method -eq 'PUT').Count | Should -Be $Count
        }

        It 'waits out ARM''s throttling: no 429 reaches the user, and the bucket running dry is heard of once, not as a storm' {
            $registry = New-TestResourceName -Prefix 'throttled'
            Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 0 }
            $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus
            $regions = @(Get-AcrRegion -Registry $registry -State Available | Where-Object Name -ne 'westus' | Select-Object -First 9 -ExpandProperty Name)
            Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 0.5; throttling = @{ writes = @{ size = 3; refillPerSecond = 2 } } }
            # A new connection knows nothing of the budget yet: its first write learns it.
            $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $emulator.DataDirectory -PollIntervalSeconds 0.2
            try {
                Clear-EmulatorRequestLog -Emulator $emulator
                $created = New-AcrReplica -Registry $registry -Location $regions -ErrorVariable failures
            }
            finally {
                Set-EmulatorSetting -Emulator $emulator -Setting @{ throttling = @{ writes = @{ size = 200; refillPerSecond = 10 } } }
            }

            $failures | Should -BeNullOrEmpty
            $created | Should -HaveCount 9
            # How close the whole comes to the least time the budget allows is measured by the benchmark (bench/), not here.
            # Paced by the remaining-writes header: one 429 each time the bucket runs dry tells when it refills; never a storm.
            @(Get-EmulatorRequest -Emulator $emulator | Where-Object status -eq 429).Count | Should -BeLessOrEqual 4
        }
    }

    Context 'Inventory with -All' {
        BeforeAll {
            $second = (Invoke-EmulatorAdmin -Emulator $emulator -Method Post -Path subscriptions -Body @{ displayName = 'fleet two' }).id
            $main = (Get-AcrGeoContext).SubscriptionId
            $connection = Get-EmulatorConnection -Emulator $emulator
            $remote = New-TestResourceName -Prefix 'remote'
            Set-EmulatorSetting -Emulator $emulator -Setting @{ provisioningDelaySeconds = 0 }
            $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $emulator.DataDirectory -SubscriptionId $second -PollIntervalSeconds 0.2
            $null = New-AcrRegistry -Name $remote -ResourceGroupName 'rg-far' -Location northeurope -CreateResourceGroup
            $null = New-AcrReplica -Registry $remote -Location eastus
            $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $emulator.DataDirectory -PollIntervalSeconds 0.2
        }

        It 'Get-AcrRegistry -All sees every subscription in one Resource Graph query' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $registries = Get-AcrRegistry -All

            $registries.SubscriptionId | Sort-Object -Unique | Should -Be (@($main, $second) | Sort-Object)
            $registries.Name | Should -Contain $remote
            $registries.Name | Should -Contain $fleet[7]
            $requests = @(Get-EmulatorRequest -Emulator $emulator)
            $requests | Should -HaveCount 1
            $requests[0].path | Should -Be '/providers/Microsoft.ResourceGraph/resources'
        }

        It 'Get-AcrRegistry -All -Subscription keeps to those subscriptions' {
            $registries = Get-AcrRegistry -All -Subscription $second

            $registries.Name | Should -Be @($remote)
        }

        It 'Get-AcrReplica -All returns every replica, the home ones marked, from one query' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $replicas = Get-AcrReplica -All

            $far = @($replicas | Where-Object RegistryName -eq $remote)
            $far.Location | Sort-Object | Should -Be @('eastus', 'northeurope')
            ($far | Where-Object IsHome).Location | Should -Be 'northeurope'
            @($replicas | Where-Object { $_.RegistryName -in $fleet -and $_.IsHome }).Count | Should -Be 8
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
        }

        It 'falls back to ARM''s lists, with the same answer, where Resource Graph is not available' {
            $fromGraph = (Get-AcrReplica -All).Id | Sort-Object
            Set-EmulatorSetting -Emulator $emulator -Setting @{ resourceGraphEnabled = $false }
            try {
                Clear-EmulatorRequestLog -Emulator $emulator
                $fromArm = (Get-AcrReplica -All -Verbose 4>&1 | Tee-Object -Variable verbose | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }).Id | Sort-Object
            }
            finally {
                Set-EmulatorSetting -Emulator $emulator -Setting @{ resourceGraphEnabled = $true }
            }

            $fromArm | Should -Be $fromGraph
            ($verbose | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Contain 'Resource Graph is not available here (InvalidResourceNamespace); listing through Azure Resource Manager.'
            $paths = @(Get-EmulatorRequest -Emulator $emulator).path
            $paths | Should -Contain '/subscriptions'
            @($paths | Where-Object { $_ -like '*/replications' }).Count | Should -BeGreaterThan 8
        }

        It 'refuses a subscription that is not a GUID before any request' {
            Clear-EmulatorRequestLog -Emulator $emulator
            { Get-AcrReplica -All -Subscription 'contoso-prod' } | Should -Throw -ErrorId 'AcrGeo.InvalidSubscriptionId,AcrGeo.Commands.GetAcrReplicaCommand'
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }
    }
}
