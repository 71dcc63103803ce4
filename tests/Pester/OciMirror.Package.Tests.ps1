# The package zip (build.ps1 -Task Package, made by -Task Test before the Pester run) as Azure Automation
# gets it: its shape, and the README's runbook run against the module imported from the zip by name, in a
# fresh pwsh (a binary module cannot be loaded twice in one process), with the Automation cmdlets stubbed.

BeforeAll {
    # The staged module checks the bundle the runbook wrote; the runbook's own process imports the zip's.
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1') -Force -ErrorAction Stop
    $zip = Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror.zip'
    $expanded = Join-Path -Path $TestDrive -ChildPath 'modules'
    Expand-Archive -LiteralPath $zip -DestinationPath $expanded
}

AfterAll {
    Remove-Module -Name OciMirror -ErrorAction SilentlyContinue
}

Describe 'The package zip' -Tag 'Unit' {
    It 'has the Azure Automation shape: OciMirror/ root, manifest, help and dependencies, / separators' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead((Resolve-Path -LiteralPath $zip).ProviderPath)
        try {
            $names = @($archive.Entries | ForEach-Object { $_.FullName })
        }
        finally {
            $archive.Dispose()
        }

        $names | Where-Object { -not $_.StartsWith('OciMirror/') } | Should -BeNullOrEmpty
        $names | Where-Object { $_.Contains('\') } | Should -BeNullOrEmpty
        foreach ($file in 'OciMirror/OciMirror.psd1', 'OciMirror/OciMirror.PowerShell.dll', 'OciMirror/OciMirror.Core.dll',
            'OciMirror/OciMirror.Format.ps1xml', 'OciMirror/en-US/OciMirror.PowerShell.dll-Help.xml', 'OciMirror/dependencies/Newtonsoft.Json.dll') {
            $names | Should -Contain $file
        }
    }
}

Describe 'The README runbook with the module imported from the package zip' -Tag 'Integration' {
    BeforeAll {
        . (Join-Path -Path $PSScriptRoot -ChildPath 'TestRegistry.ps1')
        $testRegistry = Start-TestRegistry -Directory $TestDrive
        $registry = $testRegistry.Registry
        $one = Publish-TestImage -BaseUri $testRegistry.BaseUri -Repository 'runbook/one' -Tag '1.0'
        $two = Publish-TestImage -BaseUri $testRegistry.BaseUri -Repository 'runbook/two' -Tag '2.0'

        $readme = Get-Content -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath '../../README.md') -Raw
        $match = [regex]::Match($readme, '<!-- BEGIN runbook -->\s*```powershell\r?\n(?<code>[\s\S]*?)```\s*<!-- END runbook -->')
        $runbook = $match.Groups['code'].Value
    }

    AfterAll {
        Stop-TestRegistry -Instance $testRegistry
    }

    It 'finds the runbook in the README' {
        $runbook | Should -Match 'Get-AutomationPSCredential'
        $runbook | Should -Match 'Export-OciArtifact'
    }

    It 'mirrors the references into a verified bundle on the share' {
        $share = New-Item -Path (Join-Path -Path $TestDrive -ChildPath 'share') -ItemType Directory
        $references = "$registry/runbook/one:1.0`n$registry/runbook/two:2.0"
        $stubs = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$($expanded -replace "'", "''")' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
function Get-AutomationPSCredential([string] `$Name) {
    New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'mirror', (ConvertTo-SecureString -String 'not-used' -AsPlainText -Force)
}
function Get-AutomationVariable([string] `$Name) {
    switch (`$Name) { 'MirrorReferences' { '$references' } 'MirrorShare' { '$($share.FullName -replace "'", "''")' } }
}
# The test registry speaks plain HTTP on 127.0.0.1; the runbook itself stays as written.
`$PSDefaultParameterValues['Export-OciArtifact:PlainHttp'] = `$true
"@
        $check = @'

$module = Get-Module -Name OciMirror
'MODULE ' + $module.ModuleBase
'HELP ' + (Get-Help -Name Export-OciArtifact).Synopsis
'@
        $script = Join-Path -Path $TestDrive -ChildPath 'runbook.ps1'
        Set-Content -LiteralPath $script -Value ($stubs + "`n" + $runbook + $check)

        $output = @(& pwsh -NoProfile -NonInteractive -File $script 2>&1 | ForEach-Object { "$_" })

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $bundle = @(Get-ChildItem -LiteralPath $share.FullName -Filter 'mirror-*.tgz')
        $bundle.Count | Should -Be 1
        Test-OciBundle -Path $bundle[0].FullName | Should -BeTrue
        (@(Get-OciBundle -Path $bundle[0].FullName).Digest | Sort-Object) | Should -Be (@($one, $two) | Sort-Object)
        ($output -join "`n") | Should -Match ([regex]::Escape("$registry/runbook/one:1.0") + '\s+Copied')
        $output | Where-Object { $_ -like 'MODULE *' } | Should -Be ('MODULE ' + (Join-Path -Path $expanded -ChildPath 'OciMirror'))
        $output | Where-Object { $_ -like 'HELP *' } | Should -Be 'HELP Copies container images and other OCI artifacts from registries into a bundle on disk.'
    }
}
