/**
 * What the sandbox can grant a backend beyond what every run gets: the packages it loads, native
 * code, and for a GPU the driver files, devices and variables, found here on this machine. Each
 * backend says what it needs from this (its `access`, in grader/backend/backends/); the sandbox
 * grants exactly that, and the report's `backend-access` layer lists it.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BackendAccess {
  /** Packages whose folders (and their dependencies') the runner may read. */
  packages: string[];
  /** A native addon is loaded (tfjs-node's libtensorflow, Dawn): node's `--no-addons` is lifted. */
  isAddonAllowed: boolean;
  /** Files and folders made visible read-only inside bubblewrap's view (the system's /usr already is). */
  readOnly: string[];
  /** Device nodes passed into bubblewrap's view. */
  devices: string[];
  /** Variables of the grader's environment passed through to the runner. */
  env: Record<string, string>;
  /**
   * The driver keeps GPU memory in memory-backed files (lavapipe uses memfd), which the file size
   * limit would cut short (the process dies of SIGBUS): the limit is then the memory limit, which
   * those pages count towards anyway.
   */
  hasMemoryFiles: boolean;
  /** For the report; null when the backend needs nothing beyond the common sandbox. */
  description: string | null;
}

/** Where the Vulkan loader looks for driver and layer manifests on Linux, besides its variables. */
const VULKAN_MANIFEST_ROOTS = ['/usr/local/etc/vulkan', '/etc/xdg/vulkan', '/etc/vulkan', '/usr/local/share/vulkan', '/usr/share/vulkan'];
const VULKAN_MANIFEST_KINDS = ['icd.d', 'implicit_layer.d'];
/** Variables that tell the Vulkan loader which drivers to use (and, for diagnosis, to say why). */
const VULKAN_VARIABLES = ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES', 'VK_ADD_DRIVER_FILES', 'VK_LOADER_DEBUG'];
/** The dynamic linker's index: a driver named by bare soname is found through it. */
const LINKER_CACHE = '/etc/ld.so.cache';

function exists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Inside bubblewrap, /usr is already visible read-only; anything else must be bound. */
function isOutsideUsr(file: string): boolean {
  return !file.startsWith('/usr/');
}

/** GPU device nodes of this machine: DRM render nodes (Mesa, AMD, Intel) and NVIDIA's own. */
export function findGpuDevices(devDir = '/dev'): string[] {
  const devices: string[] = [];
  if (exists(path.join(devDir, 'dri'))) devices.push(path.join(devDir, 'dri'));
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(devDir);
  } catch {
    return devices;
  }
  const nvidia = entries.filter((name) => /^nvidia(\d+|ctl|-uvm|-uvm-tools|-modeset)$/.test(name)).sort();
  return [...devices, ...nvidia.map((name) => path.join(devDir, name))];
}

/** The sysfs folders a driver reads to identify the device behind a node (libdrm, NVIDIA). */
export function gpuSysfs(): string[] {
  return ['/sys/dev/char', '/sys/devices', '/sys/bus/pci'].filter(exists);
}

/** Manifest files the loader would read: its variables' lists, else the standard folders. */
function vulkanManifests(env: NodeJS.ProcessEnv): { folders: string[]; files: string[] } {
  const listed = ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES', 'VK_ADD_DRIVER_FILES'].flatMap((name) => (env[name] ?? '').split(':').filter(Boolean));
  const folders = VULKAN_MANIFEST_ROOTS.flatMap((root) => VULKAN_MANIFEST_KINDS.map((kind) => path.join(root, kind))).filter(exists);
  const files = [...listed.filter((file) => file.endsWith('.json') && exists(file))];
  for (const listedFolder of listed.filter((entry) => !entry.endsWith('.json') && exists(entry))) folders.push(listedFolder);
  for (const folder of folders) {
    try {
      files.push(...fs.readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => path.join(folder, name)));
    } catch {
      // An unreadable folder names no driver.
    }
  }
  return { folders, files: [...new Set(files)] };
}

/** The driver libraries manifests name by path; bare sonames are found through the linker's cache. */
function manifestLibraries(manifests: string[]): { paths: string[]; isByName: boolean } {
  const paths: string[] = [];
  let isByName = false;
  for (const manifest of manifests) {
    let library: unknown;
    try {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { ICD?: { library_path?: unknown }; layer?: { library_path?: unknown } };
      library = parsed.ICD?.library_path ?? parsed.layer?.library_path;
    } catch {
      continue;
    }
    if (typeof library !== 'string' || library === '') continue;
    if (!library.includes('/')) isByName = true;
    else {
      const resolved = path.resolve(path.dirname(manifest), library);
      if (exists(resolved)) paths.push(resolved);
    }
  }
  return { paths, isByName };
}

function passedThrough(names: string[], env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]!]));
}

/** `label: a, b; label: c` for the report, leaving out what is empty. */
export function describeGrants(parts: Array<[string, string[]]>): string {
  return parts
    .filter(([, items]) => items.length > 0)
    .map(([label, items]) => `${label}: ${items.join(', ')}`)
    .join('; ');
}

/** The linker's cache, where it exists: a driver named by bare soname is found through it. */
export function linkerCache(): string[] {
  return exists(LINKER_CACHE) ? [LINKER_CACHE] : [];
}

/** What the Vulkan loader needs, inside bubblewrap's view, to find this machine's drivers. */
export interface VulkanDrivers {
  /** The manifest folders the loader reads. */
  manifestFolders: string[];
  /** Manifest folders and files, driver libraries and the linker's cache outside /usr: bound read-only. */
  readOnly: string[];
  /** The loader's variables set in the grader's environment: passed through. */
  variables: Record<string, string>;
}

export function findVulkanDrivers(env: NodeJS.ProcessEnv): VulkanDrivers {
  const manifests = vulkanManifests(env);
  const libraries = manifestLibraries(manifests.files);
  return {
    manifestFolders: manifests.folders,
    readOnly: [
      ...manifests.folders.filter(isOutsideUsr),
      ...manifests.files.filter((file) => isOutsideUsr(file) && !manifests.folders.includes(path.dirname(file))),
      ...libraries.paths.filter(isOutsideUsr),
      ...(libraries.isByName ? linkerCache() : []),
    ],
    variables: passedThrough(VULKAN_VARIABLES, env),
  };
}

/** For a backend of plain JavaScript or WebAssembly: its packages, and nothing beyond the common sandbox. */
export function packagesOnly(packages: string[]): BackendAccess {
  return { packages, isAddonAllowed: false, readOnly: [], devices: [], env: {}, hasMemoryFiles: false, description: null };
}
