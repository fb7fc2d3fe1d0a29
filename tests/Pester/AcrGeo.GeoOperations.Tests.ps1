# Geo-replication operations through the built module against the emulator: draining a region (Set-AcrReplica), making
# replicas match a desired state (Sync-AcrReplica, from any starting state, a no-op the second time), stuck replicas,
# an image's presence per region and waiting for it, endpoints, webhook operations and usage. Refusals are checked to
# send nothing that changes anything (the emulator's request log). Contexts build on each other in file order.

Describe 'Geo-replication operations' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        . (Join-Path $PSScriptRoot 'GeoHelpers.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        Set-EmulatorSetting -Emulator $emulator -Setting @{ replicaRecreateDelaySeconds = 1.5 }
        $resourceGroup = 'rg-acrgeo-geo'
        $registry = New-TestResourceName -Prefix 'contoso'
        $other = New-TestResourceName -Prefix 'fabrikam'
        $standard = New-TestResourceName -Prefix 'standard'
        $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup
        $null = New-AcrRegistry -Name $other -ResourceGroupName $resourceGroup -Location northeurope
        $null = New-AcrRegistry -Name $standard -ResourceGroupName $resourceGroup -Location westus -Sku Standard
        $null = New-AcrReplica -Registry $registry -Location eastus, westeurope
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'Draining a region with Set-AcrReplica' {
        It 'takes eastus out of routing with one PATCH; the replica still syncs' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $drained = Set-AcrReplica -Registry $registry -Name eastus -GlobalEndpointRouting Disabled -PassThru

            "$($drained.GlobalEndpointRouting)" | Should -Be 'Disabled'
            $drained.RegionEndpointEnabled | Should -BeFalse
            $drained.ProvisioningState | Should -Be 'Succeeded'
            $drained.Status | Should -BeIn 'Ready', 'Syncing'
            @(Get-EmulatorRequest -Emulator $emulator | Where-Object method -eq 'PATCH').Count | Should -Be 1
            "$((Get-AcrReplica -Registry $registry -Name eastus).GlobalEndpointRouting)" | Should -Be 'Disabled'
        }

        It 'takes the old parameter name and a boolean, and piped replicas' {
            $back = Get-AcrReplica -Registry $registry -Name eastus | Set-AcrReplica -RegionEndpointEnabled $true -Tag @{ tier = 'edge' } -PassThru

            "$($back.GlobalEndpointRouting)" | Should -Be 'Enabled'
            $back.Tags['tier'] | Should -Be 'edge'
        }

        It 'shows the routing in the default table' {
            $table = (Get-AcrReplica -Registry $registry | Format-Table | Out-String -Width 200) -replace '\x1b\[[0-9;]*m', ''
            $table | Should -Match 'Status\s+Home\s+Routing'
            $table | Should -Match 'eastus\s+eastus\s+Succeeded\s+\w+\s+Enabled'
        }

        It 'refuses <Case> with <ErrorId> and sends nothing that changes anything' -ForEach @(
            @{ Case = 'the home replica'; Arguments = @{ Name = 'westus'; GlobalEndpointRouting = 'Disabled' }; ErrorId = 'AcrGeo.HomeReplicaCannotBeUpdated' }
            @{ Case = 'no change at all'; Arguments = @{ Name = 'eastus' }; ErrorId = 'AcrGeo.NothingToChange' }
            @{ Case = 'a bad replica name'; Arguments = @{ Name = 'east-us'; GlobalEndpointRouting = 'Disabled' }; ErrorId = 'AcrGeo.InvalidReplicaName' }
        ) {
            Clear-EmulatorRequestLog -Emulator $emulator
            { Set-AcrReplica -Registry $registry @Arguments } | Should -Throw -ErrorId "$ErrorId,AcrGeo.Commands.SetAcrReplicaCommand"
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
        }

        It '-WhatIf changes nothing' {
            Clear-EmulatorRequestLog -Emulator $emulator
            Set-AcrReplica -Registry $registry -Name westeurope -GlobalEndpointRouting Disabled -WhatIf
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
            "$((Get-AcrReplica -Registry $registry -Name westeurope).GlobalEndpointRouting)" | Should -Be 'Enabled'
        }
    }

    Context 'A stuck replica' {
        It 'is reported with its status and message once it shows no change for -StuckAfterSeconds' {
            $null = Add-EmulatorFault -Emulator $emulator -Rule @{ method = 'PUT'; path = '*/replications/japaneast'; action = 'StallOperation'; count = 1 }
            $null = New-AcrReplica -Registry $registry -Location japaneast -NoWait
            $watch = [Diagnostics.Stopwatch]::StartNew()

            $stuck = { Wait-AcrReplica -Registry $registry -Name japaneast -StuckAfterSeconds 2 -TimeoutSeconds 60 } |
                Should -Throw -ErrorId 'AcrGeo.ReplicaStuck,AcrGeo.Commands.WaitAcrReplicaCommand' -PassThru
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
            # A replica still Creating has no sync status yet, as ACR answers; the message says so.
            $stuck.Exception.Message | Should -Match 'japaneast is Creating, with no sync status yet'
            $stuck.TargetObject.Name | Should -Be 'japaneast'
        }
    }

    Context 'Sync-AcrReplica' {
        BeforeAll {
            # A Failed replica in australiaeast, a stuck one in japaneast still being deleted, eastus drained, no canadacentral.
            # Three times: the engine sends an operation that ended Failed for a transient reason again, up to twice.
            $null = Add-EmulatorFault -Emulator $emulator -Rule @{ method = 'PUT'; path = '*/replications/australiaeast'; action = 'FailOperation'; count = 3 }
            $null = New-AcrReplica -Registry $registry -Location australiaeast -ErrorAction SilentlyContinue
            $null = Set-AcrReplica -Registry $registry -Name eastus -GlobalEndpointRouting Disabled
            Remove-AcrReplica -Registry $registry -Name japaneast -Confirm:$false
            $desired = @('eastus', 'westeurope', 'canadacentral', 'australiaeast', 'japaneast')
        }

        It 'shows the plan with -WhatIf and sends nothing that changes anything' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $plan = @(Sync-AcrReplica -Registry $registry -Location $desired -DrainedLocation @() -WhatIf)

            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
            ($plan | Where-Object Location -eq 'westus').Action | Should -Be 'Keep'
            "$(($plan | Where-Object Location -eq 'eastus').Action)" | Should -Be 'Update'
            ($plan | Where-Object Location -eq 'eastus').Detail | Should -Match 'GlobalEndpointRouting Disabled -> Enabled'
            "$(($plan | Where-Object Location -eq 'canadacentral').Action)" | Should -Be 'Create'
            "$(($plan | Where-Object Location -eq 'japaneast').Action)" | Should -Be 'Create'
            "$(($plan | Where-Object Location -eq 'australiaeast').Action)" | Should -Be 'Recreate'
            @($plan | Where-Object { $_.Action -ne 'Keep' -and "$($_.Result)" -ne 'Planned' }).Count | Should -Be 0
        }

        It 'converges in one run: creates in parallel, updates, repairs, waits out the delete, prunes nothing unasked' {
            $results = @(Sync-AcrReplica -Registry $registry -Location $desired -DrainedLocation @() -TimeoutSeconds 120)

            @($results | Where-Object { "$($_.Result)" -eq 'Failed' }).Error | Should -BeNullOrEmpty
            $replicas = @(Get-AcrReplica -Registry $registry)
            ($replicas.Location | Sort-Object) -join ',' | Should -Be 'australiaeast,canadacentral,eastus,japaneast,westeurope,westus'
            @($replicas | Where-Object { $_.ProvisioningState -ne 'Succeeded' }).Count | Should -Be 0
            @($replicas | Where-Object { "$($_.GlobalEndpointRouting)" -ne 'Enabled' }).Count | Should -Be 0
        }

        It 'is a no-op the second time: every region Keep, nothing sent that changes anything' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $again = @(Sync-AcrReplica -Registry $registry -Location $desired -DrainedLocation @())

            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
            @($again | Where-Object { "$($_.Action)" -ne 'Keep' }).Count | Should -Be 0
            @($again | Where-Object { -not $_.InDesiredState }).Count | Should -Be 0
        }

        It 'reports drift for many registries from a data file, and -Prune removes what is not desired' {
            $file = Join-Path $TestDrive 'fleet.psd1'
            @"
@{
    Registries = @(
        @{ Registry = '$registry'; ResourceGroupName = '$resourceGroup'
           Regions = @('westus', @{ Location = 'eastus'; GlobalEndpointRouting = 'Disabled' }, 'westeurope', 'canadacentral', 'australiaeast') }
        @{ Registry = '$other'; Regions = @('northeurope', 'eastus2') }
    )
}
"@ | Set-Content -LiteralPath $file
            $drift = @(Sync-AcrReplica -Path $file -Prune -WhatIf | Where-Object { -not $_.InDesiredState })
            ($drift | ForEach-Object { "$($_.RegistryName)/$($_.Location)/$($_.Action)" } | Sort-Object) -join ' ' |
                Should -Be ((@("$other/eastus2/Create", "$registry/eastus/Update", "$registry/japaneast/Remove") | Sort-Object) -join ' ')

            $applied = @(Sync-AcrReplica -Path $file -Prune -Force)
            @($applied | Where-Object { "$($_.Result)" -eq 'Failed' }).Count | Should -Be 0
            (Get-AcrReplica -Registry $registry).Location | Should -Not -Contain 'japaneast'
            (Get-AcrReplica -Registry $other).Location | Should -Contain 'eastus2'
            @(Sync-AcrReplica -Path $file -Prune -Force | Where-Object { "$($_.Action)" -ne 'Keep' }).Count | Should -Be 0
        }

        It 'reads the same desired state from JSON' {
            $file = Join-Path $TestDrive 'fleet.json'
            @{ registries = @(@{ registry = $other; regions = @('northeurope', 'eastus2', 'uksouth') }) } | ConvertTo-Json -Depth 5 |
                Set-Content -LiteralPath $file
            $plan = @(Sync-AcrReplica -Path $file -WhatIf)
            ($plan | Where-Object { -not $_.InDesiredState }).Location | Should -Be 'uksouth'
        }

        It 'refuses <Case> before any change' -ForEach @(
            @{ Case = 'an unknown key in the file'; Content = "@{ Registries = @(@{ Registry = 'contoso12345678'; Region = @('eastus') }) }"; Extension = 'psd1'; ErrorId = 'AcrGeo.InvalidDesiredState' }
            @{ Case = 'code in a data file'; Content = "@{ Registries = @(@{ Registry = (Get-Date).ToString(); Regions = @('eastus') }) }"; Extension = 'psd1'; ErrorId = 'AcrGeo.InvalidDesiredState' }
            @{ Case = 'a routing value that is not one'; Content = '{"registries":[{"registry":"contoso12345678","regions":[{"location":"eastus","globalEndpointRouting":"Off"}]}]}'; Extension = 'json'; ErrorId = 'AcrGeo.InvalidDesiredState' }
            @{ Case = 'a registry listed twice'; Content = '{"registries":[{"registry":"contoso12345678","regions":["eastus"]},{"registry":"Contoso12345678","regions":["westus"]}]}'; Extension = 'json'; ErrorId = 'AcrGeo.InvalidDesiredState' }
        ) {
            $file = Join-Path $TestDrive "bad.$Extension"
            Set-Content -LiteralPath $file -Value $Content
            Clear-EmulatorRequestLog -Emulator $emulator
            { Sync-AcrReplica -Path $file } | Should -Throw -ErrorId "$ErrorId,AcrGeo.Commands.SyncAcrReplicaCommand"
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }

        It 'refuses an unknown region and a drained region it is not asked to keep, sending nothing that changes anything' {
            Clear-EmulatorRequestLog -Emulator $emulator
            Sync-AcrReplica -Registry $registry -Location eastus, atlantis -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -Be 'AcrGeo.UnknownRegion,AcrGeo.Commands.SyncAcrReplicaCommand'
            { Sync-AcrReplica -Registry $registry -Location eastus -DrainedLocation westeurope } |
                Should -Throw -ErrorId 'AcrGeo.InvalidDesiredState,AcrGeo.Commands.SyncAcrReplicaCommand'
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
        }
    }

    Context 'An image in every region' {
        BeforeAll {
            $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image web:1.2
        }

        It 'waits until every region serves web:1.2 with one digest, asking each regional endpoint' {
            Clear-EmulatorRequestLog -Emulator $emulator
            $rows = @(Wait-AcrImage -Registry $registry -Image web:1.2 -TimeoutSeconds 60)

            $regions = @(Get-AcrReplica -Registry $registry).Location
            ($rows.Location | Sort-Object) -join ',' | Should -Be (($regions | Sort-Object) -join ',')
            @($rows | Where-Object { -not $_.InSync }).Count | Should -Be 0
            @($rows.Digest | Sort-Object -Unique).Count | Should -Be 1
            $rows[0].AllRegionsAgree | Should -BeTrue
            $log = @(Get-EmulatorRequest -Emulator $emulator -IncludeTokens)
            foreach ($region in $regions) {
                $hostName = "$($registry.ToLowerInvariant()).$region.geo.azurecr.io"
                @($log | Where-Object { $_.host -eq $hostName -and $_.path -eq '/oauth2/exchange' }).Count | Should -Be 1 -Because "one sign-in at $hostName"
                @($log | Where-Object { $_.host -eq $hostName -and $_.method -eq 'HEAD' }).Count | Should -BeGreaterThan 0
            }
        }

        It 'shows presence per region with Get-AcrImageReplication, for named regions too' {
            $rows = @(Get-AcrImageReplication -Registry $registry -Image web:1.2 -Location eastus, westeurope)
            ($rows.Location | Sort-Object) -join ',' | Should -Be 'eastus,westeurope'
            @($rows | Where-Object Present).Count | Should -Be 2
        }

        It 'names the regions that lag when it times out' {
            Set-EmulatorSetting -Emulator $emulator -Setting @{ syncDelaySeconds = 120 }
            try {
                $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/hello-world:latest -Image web:2.0
                $late = { Wait-AcrImage -Registry $registry -Image web:2.0 -Location westus, eastus, canadacentral -TimeoutSeconds 2 } |
                    Should -Throw -ErrorId 'AcrGeo.ImageReplicationTimedOut,AcrGeo.Commands.WaitAcrImageCommand' -PassThru
                $late.Exception.Message | Should -Match 'eastus \(not there yet'
                $late.Exception.Message | Should -Match 'canadacentral \(not there yet'
                $late.Exception.Message | Should -Not -Match 'westus \('
                $late.TargetObject | Should -Be 'canadacentral,eastus'
            }
            finally {
                Set-EmulatorSetting -Emulator $emulator -Setting @{ syncDelaySeconds = 1 }
            }
        }

        It 'refuses <Case> before any request to a region' -ForEach @(
            @{ Case = 'a region without a replica'; Arguments = @{ Image = 'web:1.2'; Location = 'brazilsouth' }; ErrorId = 'AcrGeo.ReplicaNotFound' }
            @{ Case = 'an image of another registry'; Arguments = @{ Image = 'mcr.microsoft.com/web:1.2' }; ErrorId = 'AcrGeo.InvalidImageName' }
            @{ Case = 'a digest that is not one'; Arguments = @{ Image = 'web:1.2'; Digest = 'sha256:xyz' }; ErrorId = 'AcrGeo.InvalidImageDigest' }
            @{ Case = 'a timeout of zero'; Arguments = @{ Image = 'web:1.2'; TimeoutSeconds = 0 }; ErrorId = 'AcrGeo.InvalidTimeout' }
        ) {
            Clear-EmulatorRequestLog -Emulator $emulator
            { Wait-AcrImage -Registry $registry @Arguments } | Should -Throw -ErrorId "$ErrorId,AcrGeo.Commands.WaitAcrImageCommand"
            @(Get-EmulatorRequest -Emulator $emulator -IncludeTokens | Where-Object host -like '*.geo.azurecr.io').Count | Should -Be 0
        }
    }

    Context 'Endpoints' {
        It 'lists the login server and a storage wildcard per region while dedicated endpoints are off' {
            $endpoints = @(Get-AcrRegistryEndpoint -Registry $registry)
            $endpoints[0].Region | Should -Be 'westus'
            $endpoints[0].IsHome | Should -BeTrue
            @($endpoints | Where-Object DataEndpoint -ne '*.blob.core.windows.net').Count | Should -Be 0
            @($endpoints | Where-Object RegionalEndpoint).Count | Should -Be 0
            @($endpoints | Where-Object LoginServer -ne "$($registry.ToLowerInvariant()).azurecr.io").Count | Should -Be 0
        }

        It 'turns on regional and data endpoints, and lists one of each per region' {
            $null = Set-AcrRegistry -Registry $registry -RegionalEndpoints Enabled -DataEndpointEnabled $true
            $endpoints = @(Get-AcrRegistryEndpoint -Registry $registry)
            $name = $registry.ToLowerInvariant()
            foreach ($endpoint in $endpoints) {
                $endpoint.RegionalEndpoint | Should -Be "$name.$($endpoint.Region).geo.azurecr.io"
                $endpoint.DataEndpoint | Should -Be "$name.$($endpoint.Region).data.azurecr.io"
            }
            $null = Set-AcrRegistry -Registry $registry -RegionalEndpoints Disabled
            @(Get-AcrRegistryEndpoint -Registry $registry | Where-Object RegionalEndpoint).Count | Should -Be 0
        }

        It 'refuses dedicated endpoints on a Standard registry before any change' {
            Clear-EmulatorRequestLog -Emulator $emulator
            { Set-AcrRegistry -Registry $standard -DataEndpointEnabled $true } |
                Should -Throw -ErrorId 'AcrGeo.PremiumSkuRequired,AcrGeo.Commands.SetAcrRegistryCommand'
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
        }
    }

    Context 'Webhook operations' {
        BeforeAll {
            # A port below Linux's ephemeral range, which emulators and clients draw from; another is tried while one is taken.
            $listener = $null
            foreach ($attempt in 1..20) {
                $port = Get-Random -Minimum 10000 -Maximum 30000
                $candidate = [Net.HttpListener]::new()
                $candidate.Prefixes.Add("http://127.0.0.1:$port/hook/")
                try { $candidate.Start(); $listener = $candidate; break } catch { $candidate.Close() }
            }
            $receiver = Start-ThreadJob -ArgumentList $listener -ScriptBlock {
                param($listener)
                # Answers 200 to every event until the tests stop it (ten minutes at most).
                $deadline = [DateTime]::UtcNow.AddMinutes(10)
                try {
                    while ([DateTime]::UtcNow -lt $deadline -and $listener.IsListening) {
                        $next = $listener.GetContextAsync()
                        while (-not $next.Wait(500)) { if ([DateTime]::UtcNow -ge $deadline) { return } }
                        $next.Result.Response.StatusCode = 200
                        $next.Result.Response.Close()
                    }
                }
                finally { $listener.Stop() }
            }
            $secret = 'k3yInTheUri'
            $serviceUri = "http://127.0.0.1:$port/hook/?code=$secret"
        }

        AfterAll {
            if ($listener) { $listener.Close() }
            if ($receiver) { $receiver | Remove-Job -Force }
        }

        It 'creates one regional webhook in every replica region with -Location *' {
            $hooks = @(New-AcrWebhook -Registry $registry -Name pushhook -ServiceUri $serviceUri -Location * -Action push)
            $regions = @(Get-AcrReplica -Registry $registry).Location
            ($hooks.Location | Sort-Object) -join ',' | Should -Be (($regions | Sort-Object) -join ',')
            @($hooks | Where-Object { $_.Name -ne "pushhook$($_.Location)" }).Count | Should -Be 0
        }

        It 'changes status and scope in place with Set-AcrWebhook' {
            $changed = Set-AcrWebhook -Registry $registry -Name pushhookwesteurope -Status Disabled -Scope 'web:*' -PassThru
            $changed.Status | Should -Be 'disabled'
            $changed.Scope | Should -Be 'web:*'
            $changed.Location | Should -Be 'westeurope'
        }

        It 'pings a webhook and reports the delivery; the events never show the URI or its key' {
            $ping = Test-AcrWebhook -Registry $registry -Name pushhookeastus -TimeoutSeconds 20
            $ping.Action | Should -Be 'ping'
            $ping.ResponseStatusCode | Should -Be 200
            $ping.Delivered | Should -BeTrue

            $events = @(Get-AcrWebhook -Registry $registry -Name pushhookeastus | Get-AcrWebhookEvent)
            $events.Id | Should -Contain $ping.Id
            ($events | ConvertTo-Json -Depth 5) | Should -Not -Match $secret
        }

        It 'refuses <Case> before any change' -ForEach @(
            @{ Case = 'no change'; Command = { Set-AcrWebhook -Registry $registry -Name pushhookeastus }; ErrorId = 'AcrGeo.NothingToChange,AcrGeo.Commands.SetAcrWebhookCommand' }
            @{ Case = 'names that would be too long'; Command = { New-AcrWebhook -Registry $registry -Name ('h' * 44) -ServiceUri $serviceUri -Location * }; ErrorId = 'AcrGeo.InvalidWebhookName,AcrGeo.Commands.NewAcrWebhookCommand' }
            @{ Case = 'a region without a replica'; Command = { New-AcrWebhook -Registry $registry -Name hooks -ServiceUri $serviceUri -Location eastus, brazilsouth }; ErrorId = 'AcrGeo.WebhookRegionNotReplicated,AcrGeo.Commands.NewAcrWebhookCommand' }
        ) {
            Clear-EmulatorRequestLog -Emulator $emulator
            $Command | Should -Throw -ErrorId $ErrorId
            Get-EmulatorWriteCount -Emulator $emulator | Should -Be 0
        }
    }

    Context 'Usage' {
        It 'counts storage, webhooks, regions, and one Premium unit per region' {
            $usage = Get-AcrRegistryUsage -Registry $registry
            $regions = @(Get-AcrReplica -Registry $registry).Count

            $usage.Regions | Should -Be $regions
            $usage.BilledUnits | Should -Be $regions
            $usage.StorageUsedBytes | Should -BeGreaterThan 0
            $usage.StorageLimitBytes | Should -Be 536870912000
            $usage.Webhooks | Should -Be $regions
            @($usage.Replicas | Where-Object Webhooks -ne 1).Count | Should -Be 0
            (Get-AcrRegistryUsage -Registry $standard).BilledUnits | Should -Be 1
        }
    }
}
