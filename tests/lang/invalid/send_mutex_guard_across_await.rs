// std's `MutexGuard` must be released on the thread that locked the mutex, so it is not `Send`:
// a future holding one across an `.await` cannot be given to tokio::spawn.
use std::sync::{Arc, Mutex};

async fn main() {
    let counter = Arc::new(Mutex::new(0));
    tokio::spawn(async move {
        let mut guard = counter.lock().unwrap();
        *guard += 1;
        yield_now().await;
        println!("{}", guard);
    });
}
