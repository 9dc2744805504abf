// `Arc<Mutex<T>>`: clones share one value; a guard derefs to it mutably and unlocks when it is
// dropped (at the end of its block, of its statement, or by `drop`).
use std::sync::{Arc, Mutex};

fn main() {
    let counter = Arc::new(Mutex::new(0));
    let other = Arc::clone(&counter);
    println!("count {}", Arc::strong_count(&counter));
    {
        let mut guard = other.lock().unwrap();
        *guard += 1;
    }
    *counter.lock().unwrap() += 10;
    let third = counter.clone();
    println!("count {}", Arc::strong_count(&counter));
    drop(third);
    let guard = counter.lock().unwrap();
    println!("value {} count {}", *guard, Arc::strong_count(&counter));
    drop(guard);
    let again = other.lock().unwrap();
    println!("locked again: {}", *again);
}
