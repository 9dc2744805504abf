// The returned future outlives the function's frame, but only borrows `s`.
use std::future::Future;

fn make() -> impl Future<Output = ()> {
    let s = String::from("x");
    async {
        println!("{}", s);
    }
}

async fn main() {
    make().await;
}
