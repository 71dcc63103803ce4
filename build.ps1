<#
.SYNOPSIS
    Builds, tests, documents and packages the OciMirror PowerShell module.

.DESCRIPTION
    Build   builds src/OciMirror.PowerShell (its MSBuild target StageOciMirrorModule lays the module out in
            bin/<Configuration>/netstandard2.0/OciMirror) and copies that folder to out/OciMirror:
            OciMirror.psd1, OciMirror.PowerShell.dll, OciMirror.Core.dll, OciMirror.Format.ps1xml, third-party
            assemblies in dependencies/ (loaded by the module's resolver); then runs Docs.
    Docs    turns docs/en-US (platyPS markdown, the single source of the help) into
            out/OciMirror/en-US/OciMirror.PowerShell.dll-Help.xml (MAML) with the project's own converter,
            tools/OciMirror.HelpBuilder (platyPS is not needed).
    Test    packages the staged module (see Package) and runs the Pester tests in tests/Pester against the
            staged module and the package zip, each shell in a fresh child
            process (pwsh, and powershell.exe for 5.1 on Windows), because a loaded binary module cannot be
            unloaded. Needs Pester 5 or later; fails when any test fails. Each shell prints a line
            'Pester: N passed, N failed, N skipped'. The xunit tests run with 'dotnet test OciMirror.sln'
            (scripts/test.sh runs both, and the Mono job).
    Package zips out/OciMirror as out/OciMirror.zip with an OciMirror/ root folder, the shape Azure
            Automation expects (zip name = folder name = manifest name).

    Works in Windows PowerShell 5.1 and PowerShell 7, from a prompt, with pwsh -Command and with
    pwsh -File (where '-Task Build,Test' arrives as one string: commas separate tasks there too).

.PARAMETER Task
    One or more of Build, Test, Docs, Package, run in the order given. Default: Build.

.PARAMETER Configuration
    The dotnet build configuration. Default: Release.

.EXAMPLE
    ./build.ps1

.EXAMPLE
    ./build.ps1 -Task Build, Test, Package -Configuration Release

.EXAMPLE
    pwsh -NoProfile -File ./build.ps1 -Task Build,Test
#>
[CmdletBinding()]
param(
    # Not [ValidateSet]: 'pwsh -File build.ps1 -Task Build,Test' binds the single string 'Build,Test'.
    [ValidateScript({
            foreach ($name in ($_ -split ',')) {
                if (@('Build', 'Test', 'Docs', 'Package') -notcontains $name.Trim()) {
                    throw "Unknown task '$($name.Trim())'. Use Build, Test, Docs or Package (several separated by commas)."
                }
            }
            $true
        })]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$outDir = Join-Path -Path $root -ChildPath 'out'
$moduleDir = Join-Path -Path $outDir -ChildPath 'OciMirror'
$onWindows = if ($PSVersionTable.PSEdition -eq 'Desktop') { $true } else { $IsWindows }

function Invoke-DotNet {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string[]] $ArgumentList)

    Write-Verbose -Message ('dotnet ' + ($ArgumentList -join ' '))
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    if (Test-Path -LiteralPath $moduleDir) {
        Remove-Item -LiteralPath $moduleDir -Recurse -Force
    }

    $project = Join-Path -Path $root -ChildPath 'src/OciMirror.PowerShell'
    Invoke-DotNet -ArgumentList 'build', $project, '-c', $Configuration, '-nologo', '-v', 'q'

    # The layout is made by the project's StageOciMirrorModule target (OciMirror.Module.targets), the one
    # place that knows which file goes where; the hosted-runspace tests import the same folder.
    $staged = Join-Path -Path $project -ChildPath "bin/$Configuration/netstandard2.0/OciMirror"
    $null = New-Item -Path $outDir -ItemType Directory -Force
    Copy-Item -LiteralPath $staged -Destination $moduleDir -Recurse
    Invoke-DocsTask
    Write-Host "Staged module in $moduleDir"
}

function Invoke-DocsTask {
    $converter = Join-Path -Path $root -ChildPath 'tools/OciMirror.HelpBuilder'
    $docs = Join-Path -Path $root -ChildPath 'docs/en-US'
    $helpFile = Join-Path -Path $moduleDir -ChildPath 'en-US/OciMirror.PowerShell.dll-Help.xml'
    Invoke-DotNet -ArgumentList 'run', '--project', $converter, '-c', $Configuration, '-v', 'q', '--', $docs, $helpFile
}

function Invoke-PesterInChild {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Shell)

    $testPath = (Join-Path -Path $root -ChildPath 'tests/Pester') -replace "'", "''"
    $resultPath = (Join-Path -Path $outDir -ChildPath "pester-$Shell.xml") -replace "'", "''"
    $command = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$pester = Get-Module -ListAvailable -Name Pester | Where-Object { `$_.Version -ge [version]'5.0' } | Sort-Object -Property Version -Descending | Select-Object -First 1
if (-not `$pester) { Write-Error 'Pester 5 or later is not installed (scripts/test.sh installs 5.9.1; or Install-Module Pester).'; exit 2 }
Import-Module -ModuleInfo `$pester
`$config = New-PesterConfiguration
`$config.Run.Path = '$testPath'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'JUnitXml'
`$config.TestResult.OutputPath = '$resultPath'
`$result = Invoke-Pester -Configuration `$config
`$failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount
Write-Host ('Pester: {0} passed, {1} failed, {2} skipped' -f `$result.PassedCount, `$failed, (`$result.SkippedCount + `$result.NotRunCount))
if (`$failed -gt 0 -or `$result.PassedCount -eq 0) { exit 1 }
exit 0
"@

    Write-Host "Running Pester tests in $Shell"
    & $Shell -NoProfile -NonInteractive -Command $command
    if ($LASTEXITCODE -ne 0) {
        throw "Pester tests failed in $Shell (exit code $LASTEXITCODE)."
    }
}

function Invoke-TestTask {
    if (-not (Test-Path -LiteralPath (Join-Path -Path $moduleDir -ChildPath 'OciMirror.psd1'))) {
        Invoke-BuildTask
    }

    # The package zip is tested too (imported from the zip as Azure Automation does): made from the
    # staged module being tested.
    Invoke-PackageTask

    $shells = @('pwsh')
    if ($onWindows) {
        $shells += 'powershell'
    }

    foreach ($shell in $shells) {
        if (Get-Command -Name $shell -CommandType Application -ErrorAction SilentlyContinue) {
            Invoke-PesterInChild -Shell $shell
        }
        elseif ($shell -eq 'pwsh') {
            throw 'pwsh was not found: the Pester tests run in PowerShell 7 (scripts/test.sh installs it).'
        }
        else {
            Write-Warning "$shell was not found; Pester tests not run there."
        }
    }
}

function Invoke-PackageTask {
    if (-not (Test-Path -LiteralPath (Join-Path -Path $moduleDir -ChildPath 'OciMirror.psd1'))) {
        Invoke-BuildTask
    }

    $zip = Join-Path -Path $outDir -ChildPath 'OciMirror.zip'
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip -Force
    }

    # Entries are written one by one with '/' separators under OciMirror/ (zip name = folder name =
    # manifest name, as Azure Automation requires). Neither ZipFile.CreateFromDirectory nor
    # Compress-Archive is used: in Windows PowerShell 5.1 both store '\' separators (powershell.exe runs
    # with the .NET Framework quirk Switch.System.IO.Compression.ZipFile.UseBackslash on), which Linux
    # and macOS tools extract as file names containing backslashes.
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        # CompressionLevel lives in System.IO.Compression, which 5.1 does not load on its own.
        Add-Type -AssemblyName System.IO.Compression
        Add-Type -AssemblyName System.IO.Compression.FileSystem
    }

    $base = (Get-Item -LiteralPath $moduleDir).FullName.TrimEnd('\', '/')
    $archive = [System.IO.Compression.ZipFile]::Open($zip, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($file in Get-ChildItem -LiteralPath $base -Recurse -File) {
            $entryName = 'OciMirror/' + $file.FullName.Substring($base.Length + 1).Replace('\', '/')
            $entry = $archive.CreateEntry($entryName, [System.IO.Compression.CompressionLevel]::Optimal)
            $source = [System.IO.File]::OpenRead($file.FullName)
            try {
                $target = $entry.Open()
                try {
                    $source.CopyTo($target)
                }
                finally {
                    $target.Dispose()
                }
            }
            finally {
                $source.Dispose()
            }
        }
    }
    finally {
        $archive.Dispose()
    }

    Write-Host "Package written to $zip"
}

foreach ($name in ($Task -split ',')) {
    switch ($name.Trim()) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
    }
}
