// tokio::spawn may resume a task on another thread: the future must be `Send`. `rc` is still in
// scope at the `.await` (it is dropped at the end of the block), so it is part of the future's
// state there, and `Rc` is not `Send`.
use std::rc::Rc;

async fn main() {
    tokio::spawn(async {
        let rc = Rc::new("hello");
        println!("{}", rc);
        yield_now().await;
    });
}
