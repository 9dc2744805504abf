// A `use` declaration inside a function body, as the blog's `sleep_if_idle` writes it.
fn count() -> usize {
    use std::collections::BTreeMap;
    let mut m = BTreeMap::new();
    m.insert(1u32, "one");
    m.insert(2u32, "two");
    m.len()
}

fn main() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let n = AtomicU64::new(1);
    n.fetch_add(2, Ordering::Relaxed);
    println!("{} {}", n.load(Ordering::Relaxed), count());
}
