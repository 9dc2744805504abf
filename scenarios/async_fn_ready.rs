// An async fn without any await, next to the ordinary function it roughly stands for.

async fn foo() -> u32 {
    0
}

fn foo_by_hand() -> impl Future<Output = u32> {
    future::ready(0)
}

async fn main() {
    let a = foo().await; // @state WaitingOnFoo
    println!("foo() gave {}", a);
    let b = foo_by_hand().await; // @state WaitingOnFooByHand
    println!("foo_by_hand() gave {}", b);
}
