# Export-AcrRegionMap through the built module: the SVG it writes is rendered by headless Chromium (Debian's chromium
# package, installed here when missing) to a PNG, and each region's mark is found by its colour at the pixel its latitude
# and longitude put it: home, replicas Ready, Syncing, Creating and Failed, available and unavailable regions.

Describe 'The region map as a picture' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        . (Join-Path $PSScriptRoot 'GeoHelpers.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'
        Add-Type -Path (Join-Path $PSScriptRoot 'PngPixels.cs')

        $chromium = (Get-Command -Name chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        if (-not $chromium -and $IsLinux -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
            $env:DEBIAN_FRONTEND = 'noninteractive'
            & apt-get update -qq *> $null
            & apt-get install -y -qq chromium *> $null
            $chromium = (Get-Command -Name chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        }
        if (-not $chromium) { throw "Headless Chromium is needed to render the map: install Debian's 'chromium' package." }

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 0.5 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        $registry = New-TestResourceName -Prefix 'contoso'
        $null = New-AcrRegistry -Name $registry -ResourceGroupName 'rg-acrgeo-map' -Location westus -CreateResourceGroup
        $null = New-AcrReplica -Registry $registry -Location canadacentral, eastasia
        $null = Wait-AcrReplica -Registry $registry -TimeoutSeconds 60
        Set-EmulatorSetting -Emulator $emulator -Setting @{ syncDelaySeconds = 600 }
        $null = New-AcrReplica -Registry $registry -Location japaneast
        $null = Add-EmulatorFault -Emulator $emulator -Rule @{ method = 'PUT'; path = '*/replications/australiasoutheast'; action = 'FailOperation'; count = 1 }
        $null = New-AcrReplica -Registry $registry -Location australiasoutheast -ErrorAction SilentlyContinue
        $null = Add-EmulatorFault -Emulator $emulator -Rule @{ method = 'PUT'; path = '*/replications/newzealandnorth'; action = 'StallOperation'; count = 1 }
        $null = New-AcrReplica -Registry $registry -Location newzealandnorth -NoWait

        $svg = Join-Path $TestDrive 'map.svg'
        $png = Join-Path $TestDrive 'map.png'
        $file = Export-AcrRegionMap -Registry $registry -Path $svg -PassThru
        $userData = Join-Path $TestDrive 'chromium-profile'
        & $chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking `
            --disable-component-update --disable-sync "--user-data-dir=$userData" --hide-scrollbars --force-device-scale-factor=1 `
            --window-size=1600,800 "--screenshot=$png" "file://$svg" *> (Join-Path $TestDrive 'chromium.log')
        $pixels = if (Test-Path -LiteralPath $png) { [AcrGeo.Tests.PngPixels]::new($png) }
        $regions = @{}
        foreach ($region in Get-AcrRegion -Registry $registry) { $regions[$region.Name] = $region }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    It 'writes an SVG with a mark for every region ARM lists, and returns the file with -PassThru' {
        $file.FullName | Should -Be $svg
        $document = [xml](Get-Content -LiteralPath $svg -Raw)
        $marks = @($document.svg.circle | Where-Object { $_.id -like 'region-*' })
        $marks.Count | Should -Be $regions.Count
        ($document.svg.circle | Where-Object id -eq 'region-westus').'data-state' | Should -Be 'Home'
        ($document.svg.circle | Where-Object id -eq 'region-westus').title | Should -Match 'West US \(westus\): Home'
    }

    It 'renders in headless Chromium to a 1600 x 800 picture' {
        $pixels | Should -Not -BeNullOrEmpty -Because (Get-Content -Raw -LiteralPath (Join-Path $TestDrive 'chromium.log') -ErrorAction SilentlyContinue)
        $pixels.Width | Should -Be 1600
        $pixels.Height | Should -Be 800
    }

    It 'draws <Region> as <Mark> (<Colour>) where its latitude and longitude put it' -ForEach @(
        @{ Region = 'westus'; Mark = 'Home'; Colour = '#0078D4' }
        @{ Region = 'canadacentral'; Mark = 'Replica, Ready'; Colour = '#107C10' }
        @{ Region = 'eastasia'; Mark = 'Replica, Ready'; Colour = '#107C10' }
        @{ Region = 'japaneast'; Mark = 'Replica, Syncing'; Colour = '#FFB900' }
        @{ Region = 'australiasoutheast'; Mark = 'Replica, Failed'; Colour = '#D13438' }
        @{ Region = 'newzealandnorth'; Mark = 'Replica, Creating or Updating'; Colour = '#8764B8' }
        @{ Region = 'southafricanorth'; Mark = 'Available'; Colour = '#FFFFFF' }
        @{ Region = 'chilecentral'; Mark = 'Available'; Colour = '#FFFFFF' }
        @{ Region = 'southafricawest'; Mark = 'Unavailable'; Colour = '#3B3A39' }
        @{ Region = 'jioindiacentral'; Mark = 'Unavailable'; Colour = '#3B3A39' }
    ) {
        $region = $regions[$Region]
        $x = [int][Math]::Round(($region.Longitude + 180) / 360 * 1600)
        $y = [int][Math]::Round((90 - $region.Latitude) / 180 * 800)
        $pixels.ColourAt($x, $y) | Should -Be $Colour -Because "$Region ($($region.State)) is drawn at $x,$y"
    }

    It 'shows land and ocean around the marks' {
        # Central Sahara is land; the middle of the Pacific is ocean.
        $pixels.ColourAt([int]((13 + 180) / 360 * 1600), [int]((90 - 23) / 180 * 800)) | Should -Be '#D2D0CE'
        $pixels.ColourAt([int]((-150 + 180) / 360 * 1600), [int]((90 - 0) / 180 * 800)) | Should -Be '#EAF3FB'
    }

    It 'refuses a path that is not an .svg file before any request' {
        Clear-EmulatorRequestLog -Emulator $emulator
        { Export-AcrRegionMap -Registry $registry -Path (Join-Path $TestDrive 'map.png') } |
            Should -Throw -ErrorId 'AcrGeo.InvalidMapPath,AcrGeo.Commands.ExportAcrRegionMapCommand'
        { Export-AcrRegionMap -Registry $registry -Path (Join-Path $TestDrive 'no/such/folder/map.svg') } |
            Should -Throw -ErrorId 'AcrGeo.InvalidMapPath,AcrGeo.Commands.ExportAcrRegionMapCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
    }

    It '-WhatIf writes no file' {
        $whatIf = Join-Path $TestDrive 'whatif.svg'
        Export-AcrRegionMap -Registry $registry -Path $whatIf -WhatIf
        Test-Path -LiteralPath $whatIf | Should -BeFalse
    }
}
