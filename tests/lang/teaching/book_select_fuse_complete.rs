// Modelled on the async book's `select!` chapter: `fuse()` + `pin_mut!`, and `complete`/`default` arms.
use futures::{
    future::FutureExt,
    pin_mut, select,
};

async fn task_one() {
    println!("task one");
}

async fn task_two() {
    println!("task two");
}

async fn race_tasks() {
    let t1 = task_one().fuse();
    let t2 = task_two().fuse();

    pin_mut!(t1, t2);

    select! {
        () = t1 => println!("task one completed first"),
        () = t2 => println!("task two completed first"),
    }
}

async fn count() {
    let mut a_fut = futures::future::ready(4);
    let mut b_fut = futures::future::ready(6);
    let mut total = 0;

    loop {
        select! {
            a = a_fut => total += a,
            b = b_fut => total += b,
            complete => break,
            default => unreachable!(),
        };
    }
    assert_eq!(total, 10);
    println!("total = {}", total);
}

async fn main() {
    race_tasks().await;
    count().await;
}
