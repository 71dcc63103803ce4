# Pester 5/6 tests of Publish-OciArtifact, Save-OciArtifact, New-OciIndex and -Platform against the staged module.
# The 'Unit' block uses bundles only; the 'Integration' block needs docker-registry.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1') -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module -Name OciMirror -ErrorAction SilentlyContinue
}

Describe 'Files as artifacts in bundles' -Tag 'Unit' {
    BeforeAll {
        $source = Join-Path -Path $TestDrive -ChildPath 'source'
        $null = New-Item -Path (Join-Path -Path $source -ChildPath 'docs') -ItemType Directory -Force
        Set-Content -LiteralPath (Join-Path -Path $source -ChildPath 'hi.txt') -Value 'hello world' -NoNewline
        Set-Content -LiteralPath (Join-Path -Path $source -ChildPath 'docs/readme.md') -Value 'docs' -NoNewline
        foreach ($os in 'el8', 'el9') {
            $null = New-Item -Path (Join-Path -Path $TestDrive -ChildPath $os) -ItemType Directory -Force
            Set-Content -LiteralPath (Join-Path -Path $TestDrive -ChildPath "$os/pg.rpm") -Value "built on $os" -NoNewline
        }
    }

    It 'publishes files from the current location into a bundle and saves them back' {
        Push-Location -LiteralPath $source
        try {
            $bundle = Join-Path -Path $TestDrive -ChildPath 'files'
            $pushed = Publish-OciArtifact -Reference "oci:$($bundle):corp.local/tools/hello:v1" -Path 'hi.txt:text/plain', 'docs' -Annotation @{ 'org.opencontainers.image.version' = '1.0' }
            $pushed | Should -BeOfType 'OciMirror.PowerShell.OciArtifactInfo'
            $pushed.Status | Should -Be 'Copied'

            $out = Join-Path -Path $TestDrive -ChildPath 'out'
            $saved = @(Save-OciArtifact -Reference "oci:$($bundle):corp.local/tools/hello:v1" -Path $out)
            $saved.Count | Should -Be 2
            $saved[0] | Should -BeOfType 'OciMirror.PowerShell.OciPulledFile'
            $saved.Title | Should -Be @('hi.txt', 'docs')
            Get-Content -LiteralPath (Join-Path -Path $out -ChildPath 'hi.txt') -Raw | Should -Be 'hello world'
            Get-Content -LiteralPath (Join-Path -Path $out -ChildPath 'docs/readme.md') -Raw | Should -Be 'docs'
        }
        finally {
            Pop-Location
        }
    }

    It 'composes an index of two platforms that differ in os.version and lists and saves one of them' {
        foreach ($os in 'el8', 'el9') {
            $null = Get-ChildItem -LiteralPath (Join-Path -Path $TestDrive -ChildPath $os) -Filter 'pg.rpm' |
                Publish-OciArtifact -Reference "oci:$(Join-Path -Path $TestDrive -ChildPath "layout-$os"):corp.local/pg/trunk:build-$os" -ArtifactType 'application/vnd.example.pg'
        }

        $combined = Join-Path -Path $TestDrive -ChildPath 'combined'
        $index = New-OciIndex -Destination "oci:$($combined):corp.local/pg/trunk:1.2" -Manifest @(
            "oci:$(Join-Path -Path $TestDrive -ChildPath 'layout-el8')=linux/arm64/v8:el8",
            "oci:$(Join-Path -Path $TestDrive -ChildPath 'layout-el9')=linux/arm64/v8:el9")
        $index.Platform | Should -Be @('linux/arm64/v8:el8', 'linux/arm64/v8:el9')

        (Get-OciBundle -Path $combined).Platform | Should -Be @('linux/arm64/v8:el8', 'linux/arm64/v8:el9')

        $out = Join-Path -Path $TestDrive -ChildPath 'el9-out'
        $null = Save-OciArtifact -Reference "oci:$($combined):corp.local/pg/trunk:1.2" -Path $out -Platform 'linux/arm64/v8:el9'
        Get-Content -LiteralPath (Join-Path -Path $out -ChildPath 'pg.rpm') -Raw | Should -Be 'built on el9'

        { Save-OciArtifact -Reference "oci:$($combined):corp.local/pg/trunk:1.2" -Path $out -ErrorAction Stop } |
            Should -Throw -ErrorId 'OciAmbiguousReference,OciMirror.PowerShell.Commands.SaveOciArtifactCommand'
    }
}

Describe 'Platform selection through docker-registry' -Tag 'Integration' {
    BeforeAll {
        . (Join-Path -Path $PSScriptRoot -ChildPath 'TestRegistry.ps1')
        $testRegistry = Start-TestRegistry -Directory $TestDrive
        $registry = $testRegistry.Registry
        $baseUri = $testRegistry.BaseUri
        $amd = Publish-TestImage -BaseUri $baseUri -Repository 'test/amd' -Tag '1.0'
    }

    AfterAll {
        Stop-TestRegistry -Instance $testRegistry
    }

    It 'exports one platform of an index composed with New-OciIndex and imports it under a tag' {
        $null = New-OciIndex -Destination "$registry/test/multi:1.0" -Manifest "$registry/test/amd:1.0=linux/amd64", "$registry/test/amd@$amd=linux/arm64/v8:el9" -PlainHttp
        $bundle = Join-Path -Path $TestDrive -ChildPath 'one-platform'

        $exported = Export-OciArtifact -Reference "$registry/test/multi:1.0" -Path $bundle -Platform 'linux/arm64/v8:el9' -PlainHttp
        $exported.Digest | Should -Be $amd
        $exported.Note | Should -Match 'child manifest'

        $imported = Import-OciArtifact -Path $bundle -Destination "$registry/copy" -Tag 'el9' -PlainHttp
        $imported.Digest | Should -Be $amd
        Get-ManifestDigest -BaseUri $baseUri -Repository 'copy/test/multi' -Tag 'el9' | Should -Be $amd
    }
}
