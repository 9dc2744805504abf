use std::future::Future;

struct Once {
    done: bool,
}

impl Future for Once {
    type Output = u32;
}

async fn main() {
    let v = Once { done: false }.await;
    println!("{v}");
}
