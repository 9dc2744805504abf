// An `async move` block owns what it captures: an `Rc` captured by a spawned future makes the
// future not `Send`, awaits or not.
use std::rc::Rc;

async fn main() {
    let rc = Rc::new(5);
    tokio::spawn(async move {
        println!("{}", rc);
    });
}
