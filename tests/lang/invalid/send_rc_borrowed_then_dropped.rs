// `drop(rc)` before the `.await` is not enough once `rc` was borrowed (`println!` takes `&rc`):
// rustc keeps a borrowed local in the future's state until its scope ends, so the spawned
// future still holds an `Rc` at the `.await`. (Without the borrow, the `drop` would do.)
use std::rc::Rc;

async fn main() {
    tokio::spawn(async {
        let rc = Rc::new(5);
        println!("{}", rc);
        drop(rc);
        yield_now().await;
        println!("done");
    });
}
