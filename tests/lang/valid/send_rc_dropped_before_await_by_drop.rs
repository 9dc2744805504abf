// An `Rc` moved out by `drop` before the `.await` (and never borrowed) is not in the future's
// state there: tokio::spawn accepts the future.
use std::rc::Rc;

async fn main() {
    tokio::spawn(async {
        let rc = Rc::new(5);
        drop(rc);
        yield_now().await;
        println!("done");
    });
    yield_now().await;
}
