// The `Rc` lives in a block that ends before the `.await`: the future holds nothing that is not
// `Send` there, so tokio::spawn accepts it.
use std::rc::Rc;

async fn main() {
    tokio::spawn(async {
        {
            let rc = Rc::new("hello");
            println!("{}", rc);
        }
        yield_now().await;
        println!("after the await");
    });
    yield_now().await;
}
