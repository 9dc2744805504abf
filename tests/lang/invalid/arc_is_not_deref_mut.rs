// An `Arc` shares its value: it gives `&T`, never `&mut T` (put a `Mutex` inside to mutate).
use std::sync::Arc;

fn main() {
    let shared = Arc::new(5);
    *shared = 6;
}
