// A generic function that hands its future to other threads says so with a `Send` bound; an
// `Rc` held across the `.await` does not meet it.
use std::future::Future;
use std::rc::Rc;

fn run_anywhere<F>(future: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    spawn(future);
}

async fn main() {
    run_anywhere(async {
        let rc = Rc::new(3);
        yield_now().await;
        println!("{}", rc);
    });
}
