//! The cost of live sync's second copy: the worker's `SyncPeer` holds the ledger beside the
//! page's `LedgerDoc` (two documents kept in step, not one). Loads the synthetic ledger of N
//! problems (default 2,000, with its edit history) as the page does, then as the worker does,
//! and prints the memory each holds and how long each takes.
//!
//!     cargo run --release -p rectify-sync --example copies [N]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rectify_core::document::LedgerDoc;
use rectify_core::synthetic::{script, Spec};
use rectify_sync::SyncPeer;

/// The bytes allocated and not yet freed: what each copy holds, exactly (the resident size
/// of a process moves with the allocator's own caching).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_kb() -> usize {
    LIVE.load(Ordering::Relaxed) / 1024
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000);
    let now = 1_765_000_000;
    let mut built = script(Spec::sized(n))
        .build(now)
        .expect("the synthetic ledger");
    let bytes = built.save(now);
    let id = built.ledger_id();
    drop(built);

    let before = live_kb();
    let started = Instant::now();
    let (mut page, _) = LedgerDoc::load_read(&bytes).expect("it loads");
    let page_ms = started.elapsed().as_millis();
    let with_page = live_kb();

    let started = Instant::now();
    let mut peer = SyncPeer::new(&id, Some(&bytes), now * 1000);
    peer.start("ws://127.0.0.1:3030", now * 1000);
    let ready = peer.document().is_some();
    let peer_ms = started.elapsed().as_millis();
    let with_peer = live_kb();

    println!("ledger of {n} problems: {} bytes saved", bytes.len());
    println!(
        "page's copy (LedgerDoc::load_read): +{} KB held, {page_ms} ms",
        with_page - before
    );
    println!(
        "worker's copy (SyncPeer, document ready: {ready}): +{} KB held, {peer_ms} ms",
        with_peer - with_page
    );
    let _ = page.heads();
}
